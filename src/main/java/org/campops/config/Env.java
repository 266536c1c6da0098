package org.campops.config;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings that come only from the environment. The token is a secret: it is never logged and
 * {@link #toString()} hides it.
 */
public record Env(Optional<String> token, String apiUrl, String gatewayUrl, String dbUrl) {
    public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/campops";

    public static Env from(Map<String, String> env) {
        String api = env.getOrDefault("DISCORD_API_URL", "").strip();
        if (api.isEmpty()) {
            api = DEFAULT_API_URL;
        }
        api = normalizeApiUrl(api);
        String gw = env.getOrDefault("DISCORD_GATEWAY_URL", "").strip();
        String db = env.getOrDefault("CAMPOPS_DB_URL", "").strip();
        String token = env.getOrDefault("DISCORD_TOKEN", "").strip();
        return new Env(
                token.isEmpty() ? Optional.empty() : Optional.of(token),
                api,
                gw.isEmpty() ? DEFAULT_GATEWAY_URL : gw,
                db.isEmpty() ? DEFAULT_DB_URL : db);
    }

    /**
     * Accepts the REST base with or without its version path: {@code http://127.0.0.1:8080},
     * {@code .../api} and {@code .../api/v10} all become {@code .../api/v10/}.
     */
    static String normalizeApiUrl(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (u.matches("(?i)https?://[^/]+")) {
            u = u + "/api/v10";
        } else if (u.endsWith("/api")) {
            u = u + "/v10";
        }
        return u + "/";
    }

    /**
     * What is wrong with the Discord addresses, one sentence each (empty when both are fine): the bot token crosses
     * them, so the REST address must be https and the gateway's wss, except on a loopback host (127.0.0.0/8, ::1,
     * localhost), where tests and local fakes run.
     */
    public List<String> discordUrlProblems() {
        List<String> problems = new ArrayList<>();
        check("DISCORD_API_URL", apiUrl, "https", problems);
        check("DISCORD_GATEWAY_URL", gatewayUrl, "wss", problems);
        return problems;
    }

    private static void check(String name, String url, String secure, List<String> problems) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            problems.add(name + " is not a valid address: '" + url + "'");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String plain = secure.equals("https") ? "http" : "ws";
        if (uri.getHost() == null || !(scheme.equals(secure) || scheme.equals(plain))) {
            problems.add(name + " must be a " + secure + ":// address, got '" + url + "'");
        } else if (scheme.equals(plain) && !isLoopback(uri.getHost())) {
            problems.add(name + " must use " + secure + ":// (the bot token would cross the network unencrypted);" + " "
                    + plain + ":// is only allowed on a loopback host (127.0.0.1, ::1, localhost), got '" + url + "'");
        }
    }

    /** 127.0.0.0/8, ::1 or localhost, by its literal form only (no name is looked up). */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv4 && !h.contains(":")) {
            return false;
        }
        try {
            // A literal address is parsed without any lookup.
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Env[token=" + (token.isPresent() ? "(set)" : "(unset)") + ", apiUrl=" + apiUrl + ", gatewayUrl="
                + gatewayUrl + ", dbUrl=" + dbUrl + "]";
    }
}
