package org.campops.config;

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
        return new Env(token.isEmpty() ? Optional.empty() : Optional.of(token), api,
                gw.isEmpty() ? DEFAULT_GATEWAY_URL : gw, db.isEmpty() ? DEFAULT_DB_URL : db);
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

    @Override
    public String toString() {
        return "Env[token=" + (token.isPresent() ? "(set)" : "(unset)") + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl + ", dbUrl=" + dbUrl + "]";
    }
}
