package org.campops.mentoring;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.campops.chat.UserError;
import org.campops.config.CampConfig;
import org.campops.config.Program;
import org.jspecify.annotations.Nullable;

/**
 * The weeks a series runs: from its first {@code day} at {@code time} that is still ahead, weekly up to the end of
 * the stage that first day falls in (or {@code mentoring.weeksWithoutStage} weeks when the camp has no stages).
 *
 * @param dates the sessions' dates, first to last
 * @param stage the stage's name, null without stages
 */
record SeriesDates(
        LocalDate first,
        LocalDate end,
        List<LocalDate> dates,
        @Nullable String stage) {

    /** The series set at {@code now}; a first date outside every stage is refused, naming the stages. */
    static SeriesDates of(CampConfig config, DayOfWeek day, LocalTime time, ZoneId zone, Instant now) {
        LocalDate thisWeek = now.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
        LocalDate first = MentoringService.start(thisWeek, time, zone).isAfter(now) ? thisWeek : thisWeek.plusWeeks(1);
        Optional<Program.Stage> stage =
                config.stages().stream().filter(s -> s.covers(first)).findFirst();
        LocalDate end;
        if (stage.isPresent()) {
            end = stage.get().end();
        } else if (config.stages().isEmpty()) {
            end = first.plusWeeks(config.mentoring().weeksWithoutStage() - 1L);
        } else {
            throw new UserError("mentoring.error.noStage", first.toString(), stageList(config));
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(end); d = d.plusWeeks(1)) {
            dates.add(d);
        }
        return new SeriesDates(
                first, end, List.copyOf(dates), stage.map(Program.Stage::name).orElse(null));
    }

    /** The last session's date (the stage may end on another weekday than the sessions'). */
    LocalDate last() {
        return dates.isEmpty() ? first : dates.get(dates.size() - 1);
    }

    private static String stageList(CampConfig config) {
        StringBuilder sb = new StringBuilder();
        for (Program.Stage s : config.stages()) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(s.name())
                    .append(" (")
                    .append(s.start())
                    .append(" – ")
                    .append(s.end())
                    .append(')');
        }
        return sb.toString();
    }
}
