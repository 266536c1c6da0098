package org.campops.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.campops.calendar.CalendarFeature;
import org.campops.chat.CommandRouter;
import org.campops.chat.CommandSpec;
import org.campops.chat.MessageActionSpec;
import org.campops.chat.Notifier;
import org.campops.config.CampConfig;
import org.campops.delivery.Dispatcher;
import org.campops.delivery.DmChannelStore;
import org.campops.delivery.Outbox;
import org.campops.delivery.Retention;
import org.campops.departures.DepartureFeature;
import org.campops.discussion.DiscussionFeature;
import org.campops.doctor.DoctorFeature;
import org.campops.duties.DutiesFeature;
import org.campops.feature.Context;
import org.campops.feature.Feature;
import org.campops.help.HelpCommand;
import org.campops.meetings.MeetingFeature;
import org.campops.mentoring.MentoringFeature;
import org.campops.officehours.OfficeHourFeature;
import org.campops.program.ProgramMoments;
import org.campops.qa.QaFeature;
import org.campops.reminders.ReminderFeature;
import org.campops.report.ReportFeature;
import org.campops.schedule.JobFactoryRegistry;
import org.campops.schedule.Moments;
import org.campops.schedule.Scheduling;
import org.campops.status.StatusFeature;
import org.campops.store.Database;
import org.campops.teams.TeamFeature;
import org.campops.wrapup.WrapupFeature;

/**
 * The wired application, platform-neutral: store, scheduler, delivery, then the list of features
 * ({@link Feature}: each registers its commands, buttons, listeners, moments, program parts and
 * duties the same way). Reading the constructor tells what the bot does (a table of contents, no
 * classpath scanning).
 */
public final class CampOps implements AutoCloseable {
    private final Database db;
    private final Scheduling scheduling;
    private final Moments moments;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final DmChannelStore dmChannels;
    private final ProgramMoments program;
    private final Context context;
    private final CommandRouter router;
    /** Where members' calendar apps reach the HTTP server; the running bot sets it once the server listens. */
    private volatile String httpBaseUrl;
    /** Set by whichever stops the timers and the dispatcher first: the orderly stop or {@link #close}. */
    private final java.util.concurrent.atomic.AtomicBoolean firingStopped =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public CampOps(CampConfig config, String dbUrl, Notifier notifier, Clock clock) {
        this(config, dbUrl, notifier, clock, Dispatcher.Settings.defaults());
    }

    public CampOps(CampConfig config, String dbUrl, Notifier notifier, Clock clock, Dispatcher.Settings delivery) {
        this.db = Database.open(dbUrl, Scheduling.THREADS + delivery.threads() + 6);
        Scheduling created = null;
        try {
            JobFactoryRegistry jobs = new JobFactoryRegistry();
            this.scheduling = created = new Scheduling(db, jobs);
            this.moments = new Moments(scheduling, jobs, clock);
            // Delivery runs on the wall clock (retries, leases); what a post is about uses the camp's clock.
            this.outbox = new Outbox(db, Clock.systemUTC());
            this.dispatcher = new Dispatcher(db, outbox, notifier, Clock.systemUTC(), delivery);
            dispatcher.housekeeping(
                    new Retention(db, Clock.systemUTC(), config.retention().keep())::maybeRun);
            this.dmChannels = new DmChannelStore(db, clock);
            // Moments planned from config/program.yaml; features add their parts.
            this.program = new ProgramMoments(db, moments, clock, config.program());
            moments.register(program);
            this.context = new Context(db, moments, program, outbox, notifier, clock, config);
            this.httpBaseUrl = config.http().baseUrl(config.http().port());

            // The features, in the order /help lists them. Adding a feature is one line here.
            add(ReminderFeature.create(context));
            add(QaFeature.create(context));
            add(OfficeHourFeature.create(context));
            add(TeamFeature.create(context));
            add(MentoringFeature.create(context));
            add(DiscussionFeature.create(context));
            add(WrapupFeature.create(context));
            add(MeetingFeature.create(context));
            add(CalendarFeature.create(context, () -> httpBaseUrl));
            add(DepartureFeature.create(context));
            add(DutiesFeature.create(context));
            add(ReportFeature.create(context));
            add(StatusFeature.create(context));
            add(DoctorFeature.create(context));

            this.router = wire(config.camp().name());
        } catch (RuntimeException e) {
            if (created != null) {
                created.shutdown(false);
            }
            closeResources();
            db.close();
            throw e;
        }
    }

    private void add(Feature f) {
        context.add(f);
    }

    /**
     * Registers every feature's parts the same way, /help first over all of them; then each feature's start work.
     * Exports, imports and contributions are read from {@link #features()} when asked.
     */
    private CommandRouter wire(String campName) {
        List<Feature> features = context.features();
        List<CommandSpec> commands = new ArrayList<>();
        List<MessageActionSpec> actions = new ArrayList<>();
        for (Feature f : features) {
            commands.addAll(f.commands());
            actions.addAll(f.actions());
            f.moments().forEach(moments::register);
            f.programParts().forEach(program::register);
        }
        commands.add(0, new HelpCommand(commands, actions, campName).spec());
        CommandRouter r = new CommandRouter(commands);
        // Background delivery work (DM channels opened ahead) gives way to a burst of members' commands.
        r.observe((name, outcome, took) -> outbox.commandHandled());
        for (Feature f : features) {
            f.actions().forEach(r::addAction);
            f.components().forEach(r::addComponents);
            f.listeners().forEach(r::addMessageListener);
            f.memberListeners().forEach(r::addMemberListener);
        }
        for (Feature f : features) {
            f.atStart().forEach(Runnable::run);
        }
        return r;
    }

    private void closeResources() {
        if (context == null) {
            return; // the constructor failed before any feature was made
        }
        for (Feature f : context.features()) {
            for (AutoCloseable c : f.resources()) {
                try {
                    c.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(CampOps.class).warn("closing {}: {}", f.name(), e.toString());
                }
            }
        }
    }

    /**
     * Starts delivering the outbox (resuming what a previous run left in flight) and firing scheduled
     * work; call once the outbound port can deliver.
     */
    public void startScheduler() {
        dispatcher.start();
        startTimers();
    }

    /**
     * Starts firing scheduled work only (planned moments restored first). Every instance runs the timers (on
     * PostgreSQL Quartz is clustered: each trigger fires on one of them); only the one that holds the Discord gateway
     * also sends ({@link #dispatcher()}).
     */
    public void startTimers() {
        scheduling.dropLegacyTriggers();
        program.sync();
        moments.restore();
        scheduling.start();
    }

    /** No more timers: waits for pending planning, then stops Quartz (waiting for running jobs). */
    public void stopFiring() {
        try {
            moments.awaitPlanned(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduling.shutdown(true);
    }

    /**
     * The orderly stop (SIGTERM): no more timers (waiting for running jobs), then the outbox is drained
     * for at most {@code drainFor}; what is left goes out at the next start. Only the first call (of
     * this and {@link #close}) stops anything.
     */
    public void stopFiringAndDrain(java.time.Duration drainFor) {
        if (!firingStopped.compareAndSet(false, true)) {
            return;
        }
        stopFiring();
        try {
            int left = dispatcher.drain(drainFor);
            if (left > 0) {
                org.slf4j.LoggerFactory.getLogger(CampOps.class)
                        .warn("stopping with {} deliveries not sent yet; they go out at the next start", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
    }

    public Moments moments() {
        return moments;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public DmChannelStore dmChannels() {
        return dmChannels;
    }

    public CommandRouter router() {
        return router;
    }

    public Database database() {
        return db;
    }

    public Scheduling scheduling() {
        return scheduling;
    }

    public ProgramMoments program() {
        return program;
    }

    /** The features, in /help order (with their exports, imports and contributions). */
    public List<Feature> features() {
        return context.features();
    }

    /** A feature's service by type, as features provide them ({@code app.service(QaService.class)}). */
    public <T> T service(Class<T> type) {
        return context.service(type);
    }

    /** Where the HTTP server is reached from outside (calendar URLs), once it listens. */
    public void useHttpBaseUrl(String baseUrl) {
        this.httpBaseUrl = baseUrl;
    }

    /** Stops the timers and the dispatcher unless the orderly stop did, then closes the store; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (firingStopped.compareAndSet(false, true)) {
                scheduling.shutdown(true);
                dispatcher.close();
            }
        } finally {
            closeResources();
            db.close();
        }
    }
}
