package org.campops.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.campops.calendar.CalendarService;
import org.campops.config.CampConfig;
import org.campops.web.Health;
import org.campops.web.RateLimiter;
import org.campops.web.WebServer;
import org.jspecify.annotations.Nullable;

/**
 * Wires the HTTP servers of {@code campops run}: calendar feeds on the public listener; health from the store and JDA
 * and metrics on the management listener.
 */
final class Http {
    /** How long /health waits for the database before saying it does not answer. */
    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(3);

    private Http() {}

    /** The version of the running jar (its manifest), or "dev" when run from classes. */
    static String version() {
        String v = Http.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Starts the server when {@code http.enabled}; null otherwise. */
    static @Nullable WebServer start(
            CampConfig config,
            CampOps app,
            java.util.function.Supplier<String> discordStatus,
            java.util.function.LongSupplier gatewayPing,
            Metrics metrics,
            BooleanSupplier gatewayHolder) {
        CampConfig.HttpSettings http = config.http();
        if (!http.enabled()) {
            return null;
        }
        Health health = new Health(
                () -> app.database().answers((int) DATABASE_TIMEOUT.toSeconds()),
                discordStatus,
                gatewayPing,
                gatewayHolder,
                app.outbox()::depth,
                version(),
                DATABASE_TIMEOUT);
        WebServer web = WebServer.start(
                new WebServer.Listen(http.host(), http.port()),
                new WebServer.Listen(http.managementHost(), http.managementPort()),
                new RateLimiter(http.feedRequestsPerMinute()),
                health,
                metrics::scrape,
                app.service(CalendarService.class)::feed);
        app.useHttpBaseUrl(http.baseUrl(web.port()));
        return web;
    }
}
