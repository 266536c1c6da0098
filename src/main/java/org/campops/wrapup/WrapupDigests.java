package org.campops.wrapup;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.campops.config.Program;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.program.ProgramPart;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrap-up moments of the program: each day from the day after a competition ends until its
 * wrap-up deadline, at {@code duties.wrapupDigestTime} in the camp's zone, every mentor with open
 * reviews gets a DM listing them ({@code wrapup:digest:<competition>:<date>}); the morning after the
 * deadline the organizers' channel gets one post naming the late mentors ({@code wrapup:late:<competition>}).
 * Each post is one outbox row keyed by the moment and its recipient.
 */
public final class WrapupDigests implements ProgramPart {
    private static final Logger LOG = LoggerFactory.getLogger(WrapupDigests.class);
    public static final String NAME = "wrapup";
    static final String DIGEST = "digest";
    static final String LATE = "late";
    /** A digest missed while the bot was down still goes out within this time, the late report within a day. */
    static final Duration DIGEST_GRACE = Duration.ofHours(6);

    static final Duration LATE_GRACE = Duration.ofDays(1);

    private final WrapupService service;
    private final Outbox outbox;
    private final WrapupPosts posts;

    public WrapupDigests(WrapupService service, Outbox outbox) {
        this.service = service;
        this.outbox = outbox;
        this.posts = new WrapupPosts(service.config().camp().locale());
    }

    @Override
    public String name() {
        return NAME;
    }

    private ZoneId zone() {
        return service.config().camp().zone();
    }

    public static String digestKey(String competitionId, LocalDate day) {
        return new WrapupKey.Digest(competitionId, day).text();
    }

    public static String lateKey(String competitionId) {
        return new WrapupKey.Late(competitionId).text();
    }

    @Override
    public List<Planned> plan(Program program) {
        List<Planned> out = new ArrayList<>();
        java.time.LocalTime at = program.duties().wrapupDigestTime();
        for (Program.Competition c : program.competitions()) {
            LocalDate due = WrapupService.due(c);
            for (LocalDate d = c.end().plusDays(1); !d.isAfter(due); d = d.plusDays(1)) {
                out.add(new Planned(
                        new WrapupKey.Digest(c.id(), d),
                        ZonedDateTime.of(d, at, zone()).toInstant()));
            }
            out.add(new Planned(
                    new WrapupKey.Late(c.id()),
                    ZonedDateTime.of(due.plusDays(1), at, zone()).toInstant()));
        }
        return out;
    }

    @Override
    public Duration grace(Planned moment) {
        return WrapupKey.parse(moment.key()).orElse(null) instanceof WrapupKey.Late ? LATE_GRACE : DIGEST_GRACE;
    }

    @Override
    public void fire(Handle c, Planned moment, Instant now) throws SQLException {
        WrapupKey key = WrapupKey.parse(moment.key()).orElse(null);
        Optional<Program.Competition> found =
                key == null ? Optional.empty() : service.program().competition(key.competitionId());
        if (found.isEmpty()) {
            LOG.warn("wrap-up moment {}: no such competition in the program any more; nothing sent", moment.key());
            return;
        }
        Program.Competition comp = found.get();
        LocalDate due = WrapupService.due(comp);
        Map<String, List<Assignment>> open = service.openByMentor(c, comp.id());
        if (key instanceof WrapupKey.Digest) {
            for (Map.Entry<String, List<Assignment>> e : open.entrySet()) {
                outbox.enqueue(c, key.to(e.getKey()), Payload.dm(e.getKey(), posts.digest(comp, due, e.getValue())));
            }
            LOG.info("wrap-up digest {}: {} mentors with open reviews", moment.key(), open.size());
            return;
        }
        String channel = service.config().discord().channels().organizers();
        if (channel == null || channel.isBlank()) {
            LOG.warn("wrap-up late report {}: no organizers' channel in the config; not posted", moment.key());
            return;
        }
        String text = service.anyAssigned(c, comp.id()) ? posts.late(comp, due, open) : posts.noneAssigned(comp);
        outbox.enqueue(
                c,
                Objects.requireNonNull(key, "found its competition").to(channel),
                Payload.post(channel, text, List.of()));
    }
}
