package org.campops.mentoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.Texts;
import org.campops.config.CampConfig;
import org.campops.store.Database;
import org.campops.teams.Team;
import org.campops.teams.TeamService;

/**
 * The sessions as other parts of the camp see them: every session of every team with its numbers (the export) and a
 * mentor's sessions of a week as duties.
 */
public final class SessionOverview {
    private final Database db;
    private final MentoringRepository repo = new MentoringRepository();
    private final TeamService teams;
    private final Clock clock;
    private final ZoneId zone;

    SessionOverview(Database db, TeamService teams, Clock clock, CampConfig config) {
        this.db = db;
        this.teams = teams;
        this.clock = clock;
        this.zone = config.camp().zone();
    }

    /** Every session of every team, for {@code campops export mentoring} (links are never exported). */
    public record ExportRow(
            String team,
            String mentorId,
            Session session,
            int attended,
            int absent,
            int feedbackCount,
            double averageRating) {}

    public List<ExportRow> exportRows() {
        return db.inTransaction(c -> {
            Map<Long, Team> byId = new LinkedHashMap<>();
            for (Team t : teams.all()) {
                byId.put(t.id(), t);
            }
            List<ExportRow> out = new ArrayList<>();
            for (Session s : repo.all(c)) {
                Team t = byId.get(s.teamId());
                Map<String, Boolean> a = repo.attendance(c, s.id());
                List<MentoringRepository.Feedback> f = repo.feedback(c, s.id());
                out.add(new ExportRow(
                        t == null ? "?" : t.name(),
                        t == null ? "" : t.mentorId(),
                        s,
                        (int) a.values().stream().filter(Boolean::booleanValue).count(),
                        (int) a.values().stream().filter(x -> !x).count(),
                        f.size(),
                        f.stream()
                                .mapToInt(MentoringRepository.Feedback::rating)
                                .average()
                                .orElse(0)));
            }
            return out;
        });
    }

    /** A mentor's sessions in the week of {@code weekStart} as duties: held (note written or not), skipped, coming. */
    public List<org.campops.duties.Duty> sessionDuties(String mentorId, LocalDate weekStart, Locale locale) {
        Instant from = weekStart.atStartOfDay(zone).toInstant();
        Instant to = weekStart.plusWeeks(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        List<org.campops.duties.Duty> out = new ArrayList<>();
        for (Team t : teams.all()) {
            if (!t.mentorId().equals(mentorId)) {
                continue;
            }
            for (Session s : db.inTransaction(c -> repo.sessionsOfTeam(c, t.id()))) {
                if (s.startAt().isBefore(from) || !s.startAt().isBefore(to)) {
                    continue;
                }
                org.campops.duties.Duty.Status status;
                String key;
                if (s.status() == Session.Status.SKIPPED) {
                    status = org.campops.duties.Duty.Status.DONE;
                    key = "duties.item.sessionSkipped";
                } else if (s.startAt().isAfter(now)) {
                    status = org.campops.duties.Duty.Status.UPCOMING;
                    key = "duties.item.session";
                } else if (s.note() != null) {
                    status = org.campops.duties.Duty.Status.DONE;
                    key = "duties.item.sessionHeld";
                } else {
                    status = now.isAfter(s.endAt().plus(Duration.ofDays(2)))
                            ? org.campops.duties.Duty.Status.LATE
                            : org.campops.duties.Duty.Status.OPEN;
                    key = "duties.item.sessionNote";
                }
                out.add(new org.campops.duties.Duty(
                        "mentoring",
                        org.campops.chat.Messages.get(
                                locale, key, Texts.defuse(t.name()), Texts.timestamp(s.startAt())),
                        status,
                        s.startAt()));
            }
        }
        return out;
    }
}
