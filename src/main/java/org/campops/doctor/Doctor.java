package org.campops.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.campops.chat.Messages;
import org.campops.config.CampConfig;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.doctor.ServerFacts.Channel;
import org.campops.doctor.ServerFacts.Kind;
import org.campops.doctor.ServerFacts.Perm;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;

/**
 * The checks while the bot runs: once connected, the problems are logged and posted once to the organizers' channel
 * (when the bot can post there; the same list is not posted again after a restart, {@link DoctorKey}); {@code /doctor}
 * checks again on demand. Without a Discord connection (console mode) there is nothing to check.
 */
public final class Doctor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Doctor.class);

    private final Database db;
    private final Outbox outbox;
    private final CampConfig config;
    private volatile @Nullable Supplier<ServerFacts> live;

    public Doctor(Database db, Outbox outbox, CampConfig config) {
        this.db = db;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * The bot is connected and reads the server through {@code facts}: checks, logs each problem, and queues the list
     * for the organizers' channel. Returns the findings; a failure to check is logged, never thrown (the bot runs on).
     */
    public List<Finding> connected(Supplier<ServerFacts> facts) {
        live = facts;
        try {
            ServerFacts read = facts.get();
            List<Finding> findings = Checks.run(config, read);
            List<Finding> problems = problems(findings);
            if (problems.isEmpty()) {
                LOG.info("doctor: all {} checks of the Discord server passed", findings.size());
                return findings;
            }
            problems.forEach(p -> LOG.warn("doctor: {}", p.text(Locale.ENGLISH)));
            if (canPostTo(read, config.discord().channels().organizers())) {
                Locale locale = config.camp().locale();
                String text = Messages.get(locale, "doctor.posted") + "\n" + report(findings, locale, true);
                boolean queued = db.inTransaction(c -> outbox.enqueue(
                        c,
                        DoctorKey.of(problems),
                        Payload.post(config.discord().channels().organizers(), text, List.of())));
                LOG.info(
                        queued
                                ? "doctor: the problems are posted to the organizers' channel"
                                : "doctor: these problems were posted to the organizers' channel before");
            } else {
                LOG.warn("doctor: the organizers' channel cannot be posted to; the problems are only in this log");
            }
            return findings;
        } catch (RuntimeException e) {
            LOG.warn("doctor: could not check the Discord server: {}", e.toString());
            return List.of();
        }
    }

    /** The connection ended: /doctor has nothing to read until the next one. */
    public void disconnected() {
        live = null;
    }

    /** The findings now, or empty when the bot is not connected to Discord. */
    public Optional<List<Finding>> check() {
        Supplier<ServerFacts> facts = live;
        return facts == null ? Optional.empty() : Optional.of(Checks.run(config, facts.get()));
    }

    static List<Finding> problems(List<Finding> findings) {
        return findings.stream().filter(Finding::isProblem).toList();
    }

    private static boolean canPostTo(ServerFacts facts, String channelId) {
        ServerFacts.Server s = facts.server();
        Channel ch = s == null ? null : s.channels().get(channelId);
        return ch != null
                && ch.kind() == Kind.TEXT
                && ch.botPermissions().contains(Perm.VIEW)
                && ch.botPermissions().contains(Perm.SEND);
    }

    /**
     * The findings as text: with {@code problemsOnly}, a summary line and one line per problem (or that all passed);
     * otherwise one line per check and the summary last.
     */
    public static String report(List<Finding> findings, Locale locale, boolean problemsOnly) {
        List<Finding> problems = problems(findings);
        long blocking = problems.stream()
                .filter(f -> f.severity() == Finding.Severity.BLOCKING)
                .count();
        String summary = problems.isEmpty()
                ? Messages.get(locale, "doctor.summary.ok", findings.size())
                : Messages.get(locale, "doctor.summary", problems.size(), blocking, findings.size());
        StringBuilder sb = new StringBuilder();
        if (problemsOnly) {
            sb.append("**").append(summary).append("**");
            problems.forEach(p -> sb.append('\n').append(p.text(locale)));
        } else {
            findings.forEach(f -> sb.append(f.text(locale)).append('\n'));
            sb.append(summary);
        }
        return sb.toString();
    }
}
