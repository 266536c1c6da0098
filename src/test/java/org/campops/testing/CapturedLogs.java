package org.campops.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What reached logback under one logger while open: the events as logback's appenders see them. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLogs of(Class<?> type) {
        return new CapturedLogs((Logger) LoggerFactory.getLogger(type));
    }

    public List<ILoggingEvent> events() {
        // The appender appends under its own lock.
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The stack trace logback prints for the event, empty when it has none. */
    public static String stackTrace(ILoggingEvent event) {
        return event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
