package org.campops.discord;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import org.campops.config.CampConfig;
import org.campops.doctor.Checks;
import org.campops.doctor.ServerFacts;
import org.campops.doctor.ServerFacts.Intent;
import org.jspecify.annotations.Nullable;

/**
 * {@code campops doctor}'s look at Discord: logs in with the intents the config asks for, as {@code campops run} would.
 * A refused privileged intent closes the gateway with 4014; then it logs in again without the privileged intents and
 * reads the application's flags to name which switch is off, and reads the server all the same.
 */
public final class DoctorProbe {
    /** The intents every session asks for (not privileged), as {@link DiscordBot} does. */
    private static final Set<GatewayIntent> BASE =
            EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MODERATION);

    /** How long a login may take before the doctor says Discord cannot be reached. */
    static final java.time.Duration READY_WITHIN = java.time.Duration.ofSeconds(30);

    private DoctorProbe() {}

    /** What a login's outcome holds when the session got ready (close codes are positive). */
    private static final int READY = 0;

    /** One login: the session when it got ready, else how it failed. */
    private record Attempt(
            ServerFacts.Login login, @Nullable JDA jda, int closeCode) {}

    /** Logs in, reads the server and logs out again. */
    public static ServerFacts probe(String token, String apiUrl, String gatewayUrl, CampConfig config)
            throws InterruptedException {
        Set<Intent> wanted = Checks.requestedIntents(config);
        Set<GatewayIntent> intents = EnumSet.copyOf(BASE);
        wanted.forEach(i -> intents.add(gatewayIntent(i)));
        Attempt first = login(token, apiUrl, gatewayUrl, intents);
        if (first.jda() != null) {
            return readAndLeave(first.jda(), config, Set.of());
        }
        if (first.closeCode() != CloseCode.DISALLOWED_INTENTS.getCode()) {
            return new ServerFacts(first.login(), Set.of(), java.util.List.of(), null);
        }
        Attempt plain = login(token, apiUrl, gatewayUrl, BASE);
        JDA jda = plain.jda();
        if (jda == null) {
            return new ServerFacts(plain.login(), wanted, java.util.List.of(), null);
        }
        Set<Intent> refused = EnumSet.noneOf(Intent.class);
        Set<ApplicationInfo.Flag> flags =
                jda.retrieveApplicationInfo().complete().getFlags();
        for (Intent i : wanted) {
            if (!allowed(i, flags)) {
                refused.add(i);
            }
        }
        // Discord refused something the flags allow: name every privileged intent asked for.
        return readAndLeave(jda, config, refused.isEmpty() ? wanted : refused);
    }

    private static ServerFacts readAndLeave(JDA jda, CampConfig config, Set<Intent> refused)
            throws InterruptedException {
        try {
            return JdaServerFacts.read(jda, config, refused);
        } finally {
            // Log out before answering: the doctor's session must be gone when the bot's own connects.
            jda.shutdownNow();
            boolean unused = jda.awaitShutdown(java.time.Duration.ofSeconds(5));
        }
    }

    /** What {@code campops run} says when Discord closed the gateway with 4014 (a privileged intent is off). */
    static String refusedIntents(CampConfig config) {
        String switches = String.join(
                " and ",
                Checks.requestedIntents(config).stream()
                        .map(i -> "\"" + i.portalSwitch() + "\"")
                        .toList());
        return "Discord refused a privileged intent (gateway close 4014). Turn on " + switches
                + " in the Developer Portal (your application > Bot > Privileged Gateway Intents), or turn them off in"
                + " the config (discord.messageContentIntent, discord.serverMembersIntent); `campops doctor` names"
                + " the one that is off.";
    }

    /**
     * Whether Discord closed the gateway with 4014. The shutdown event carrying the close code may come after {@code
     * awaitReady} gave up; JDA's message then names the reason.
     */
    static boolean intentsRefused(int closeCode, Exception e) {
        return closeCode == CloseCode.DISALLOWED_INTENTS.getCode()
                || String.valueOf(e.getMessage()).contains("turning on an intent you aren't allowed");
    }

    static GatewayIntent gatewayIntent(Intent intent) {
        return intent == Intent.MESSAGE_CONTENT ? GatewayIntent.MESSAGE_CONTENT : GatewayIntent.GUILD_MEMBERS;
    }

    private static boolean allowed(Intent intent, Set<ApplicationInfo.Flag> flags) {
        return intent == Intent.MESSAGE_CONTENT
                ? flags.contains(ApplicationInfo.Flag.GATEWAY_MESSAGE_CONTENT)
                        || flags.contains(ApplicationInfo.Flag.GATEWAY_MESSAGE_CONTENT_LIMITED)
                : flags.contains(ApplicationInfo.Flag.GATEWAY_GUILD_MEMBERS)
                        || flags.contains(ApplicationInfo.Flag.GATEWAY_GUILD_MEMBERS_LIMITED);
    }

    private static Attempt login(String token, String apiUrl, String gatewayUrl, Set<GatewayIntent> intents)
            throws InterruptedException {
        // Ready, or the close code JDA shut down with; and the last close code Discord sent before a reconnect.
        CompletableFuture<Integer> outcome = new CompletableFuture<>();
        AtomicInteger lastClose = new AtomicInteger(-1);
        JDA jda;
        try {
            jda = JDABuilder.createLight(token, intents)
                    .enableCache(CacheFlag.FORUM_TAGS)
                    .setRestConfig(new RestConfig().setBaseUrl(apiUrl))
                    .setSessionController(new DiscordBot.FixedGatewaySessionController(gatewayUrl))
                    .setCompression(Compression.NONE)
                    .setEnableShutdownHook(false)
                    .addEventListeners((EventListener) event -> {
                        if (event instanceof ReadyEvent) {
                            outcome.complete(READY);
                        } else if (event instanceof SessionDisconnectEvent d && d.getServiceCloseFrame() != null) {
                            lastClose.set(d.getServiceCloseFrame().getCloseCode());
                        } else if (event instanceof ShutdownEvent s) {
                            outcome.complete(s.getCode());
                        }
                    })
                    .build();
        } catch (InvalidTokenException e) {
            return new Attempt(ServerFacts.Login.BAD_TOKEN, null, -1);
        } catch (RuntimeException e) {
            return new Attempt(ServerFacts.Login.UNREACHABLE, null, -1);
        }
        int code;
        try {
            // A gateway that never answers would keep JDA reconnecting: give up after a while.
            code = outcome.get(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            code = -1; // no outcome: Discord's last close code, if any, says why (below)
        }
        if (code == READY) {
            return new Attempt(ServerFacts.Login.OK, jda, -1);
        }
        jda.shutdownNow();
        boolean unused = jda.awaitShutdown(java.time.Duration.ofSeconds(5));
        if (code != CloseCode.DISALLOWED_INTENTS.getCode() && code != CloseCode.AUTHENTICATION_FAILED.getCode()) {
            // JDA shut down for its own reason (say, after reconnecting): Discord's last word tells more.
            code = lastClose.get() > 0 ? lastClose.get() : code;
        }
        if (code == CloseCode.DISALLOWED_INTENTS.getCode()) {
            return new Attempt(ServerFacts.Login.OK, null, code);
        }
        return new Attempt(
                code == CloseCode.AUTHENTICATION_FAILED.getCode()
                        ? ServerFacts.Login.BAD_TOKEN
                        : ServerFacts.Login.UNREACHABLE,
                null,
                code);
    }
}
