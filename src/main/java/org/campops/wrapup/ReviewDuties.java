package org.campops.wrapup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.campops.duties.Duty;
import org.campops.store.Database;

/**
 * A mentor's wrap-up reviews as duties of a week ({@code /duties}): one per competition whose review window (from
 * its end to its deadline) touches that week and that assigned them campers; done once every review is marked,
 * late after the deadline.
 */
final class ReviewDuties {
    private final Database db;
    private final WrapupRepository repo;
    private final Clock clock;
    private final CampConfig config;

    ReviewDuties(Database db, WrapupRepository repo, Clock clock, CampConfig config) {
        this.db = db;
        this.repo = repo;
        this.clock = clock;
        this.config = config;
    }

    List<Duty> of(String mentorId, LocalDate weekStart, Locale locale) {
        LocalDate weekEnd = weekStart.plusDays(6);
        Instant now = clock.instant();
        List<Duty> out = new ArrayList<>();
        for (Program.Competition comp : config.program().competitions()) {
            LocalDate due = WrapupService.due(comp);
            if (comp.end().isAfter(weekEnd) || due.isBefore(weekStart)) {
                continue;
            }
            List<Assignment> mine = db.inTransaction(c -> repo.ofMentor(c, comp.id(), mentorId));
            if (mine.isEmpty()) {
                continue;
            }
            long left = mine.stream().filter(a -> !a.reviewed()).count();
            Instant dueAt = due.plusDays(1).atStartOfDay(config.camp().zone()).toInstant();
            Duty.Status status =
                    left == 0 ? Duty.Status.DONE : now.isAfter(dueAt) ? Duty.Status.LATE : Duty.Status.OPEN;
            out.add(new Duty(
                    "wrapup",
                    Messages.get(
                            locale, "duties.item.wrapup", Texts.defuse(comp.name()), left, mine.size(), due.toString()),
                    status,
                    dueAt));
        }
        return out;
    }
}
