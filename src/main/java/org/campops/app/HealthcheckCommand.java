package org.campops.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.campops.config.CampConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code campops healthcheck}: ask a running bot's /health, for Docker's HEALTHCHECK. */
@Command(
        name = "healthcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Ask a running bot's /health (Docker's HEALTHCHECK; no curl or wget needed): exit 0 when it answers"
                    + " 200 (ready), 1 otherwise. It asks the management listener (http.managementHost and"
                    + " http.managementPort in the config) unless --url is given."
        })
final class HealthcheckCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.ConfigOption options = new Main.ConfigOption();

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The address to ask (default: http://<http.managementHost>:<http.managementPort>/health).")
    @Nullable
    String url;

    /** Where to reach a listener bound to {@code host}: loopback for "any address", brackets around IPv6. */
    static String hostOf(String host) {
        if (host.equals("0.0.0.0") || host.isEmpty()) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public Integer call() {
        String target = url;
        if (target == null) {
            CampConfig config = Main.loadConfig(options.config);
            if (config == null) {
                return 1;
            }
            CampConfig.HttpSettings http = config.http();
            if (!http.enabled() || http.managementPort() == 0) {
                System.err.println(
                        "http.enabled is false or http.managementPort is 0 in " + options.config + ": give --url");
                return 1;
            }
            target = "http://" + hostOf(http.managementHost()) + ":" + http.managementPort() + "/health";
        }
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .build();
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(target))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(r.statusCode() + " " + r.body());
            return r.statusCode() == 200 ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("no answer from " + target + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
