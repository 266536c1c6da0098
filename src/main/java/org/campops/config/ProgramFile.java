package org.campops.config;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY;
import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.campops.config.Checks.Between;
import org.campops.config.Checks.Id;
import org.campops.config.Checks.Required;
import org.campops.config.Checks.Text;
import org.campops.config.Checks.WebAddress;

/**
 * config/program.yaml as written: each key once, with its constraints. {@link ProgramLoader} checks what spans
 * several keys; {@link #toProgram} then gives the app's {@link Program}, defaults filled in.
 */
record ProgramFile(Map<String, @Required @Pattern(regexp = SNOWFLAKE, message = "expected a Discord channel id (digits),"
                           + " got '${validatedValue}'") String> channels,
                   List<@Valid Stage> stages, List<@Valid Competition> competitions, List<@Valid Lecture> lectures,
                   List<@Valid Meeting> meetings, List<@Valid Deadline> deadlines, @Valid Prompts prompts,
                   @Valid Duties duties) {
    static final String SNOWFLAKE = "\\d{5,20}";
    private static final String WHO = "missing (mentors, organizers, or a list of member ids)";

    record Stage(@Required @Text(max = 100) String name, @Required LocalDate start, @Required LocalDate end,
                 Program.MentoringForm mentoring) {
    }

    record Competition(@Required @Id String id, @Required @Text(max = 100) String name, @Required LocalDate start,
                       @Required LocalDate end, @Required @Text(max = 100) String discussion, LocalDate wrapupDue) {
    }

    record Lecture(@Required @Text(max = 200) String name, @Required LocalDate date) {
    }

    /** Weekly on {@code day} or once on {@code date}. */
    record Meeting(@Required @Id String id, @Required @Text(max = 100) String name, DayOfWeek day, LocalDate date,
                   @Required LocalTime time, @Between(min = 10, max = 480) Integer durationMinutes,
                   @Text(max = 500) @WebAddress String link,
                   @Required(message = WHO) @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> who,
                   @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Duration> remindBefore,
                   LocalDate from, LocalDate until) {
    }

    record Deadline(@Required @Id String id, @Required @Text(max = 200) String what, @Required LocalDateTime due,
                    @Required(message = WHO) @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> who,
                    @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Duration> remindBefore) {
    }

    record Prompts(DayOfWeek day, LocalTime time, Duration grace, List<Prompt> bank) {
    }

    /** A prompt in both languages, or one text (read as Korean). */
    record Prompt(String ko, String en) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Prompt {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Prompt of(String text) {
            return new Prompt(text == null || text.isBlank() ? null : text.strip(), null);
        }

        Program.Prompt toPrompt() {
            return new Program.Prompt(ko, en);
        }
    }

    record Duties(List<DayOfWeek> weeklyPostReminders, LocalTime reminderTime, LocalTime wrapupDigestTime) {
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** The channel id a reference names: an id, {@code <#id>}, or a name under channels (with or without '#'). */
    String channel(String reference) {
        String id = reference.replaceFirst("^<#(\\d+)>$", "$1");
        if (id.matches(SNOWFLAKE)) {
            return id;
        }
        return channels == null ? null : channels.get(reference.replaceFirst("^#", ""));
    }

    /** Who: mentors, organizers, or member ids (also as mentions); null when an entry is none of these. */
    static Program.Audience audience(List<String> who) {
        if (who.size() == 1 && who.get(0) != null) {
            switch (who.get(0).toLowerCase(Locale.ROOT)) {
                case "mentors" -> {
                    return new Program.Audience(Program.Audience.Kind.MENTORS, List.of());
                }
                case "organizers" -> {
                    return new Program.Audience(Program.Audience.Kind.ORGANIZERS, List.of());
                }
                default -> {
                    // one member id
                }
            }
        }
        List<String> ids = who.stream().map(w -> w == null ? "" : w.replaceFirst("^<@!?(\\d+)>$", "$1")).toList();
        return ids.stream().allMatch(i -> i.matches(SNOWFLAKE)) ? new Program.Audience(Program.Audience.Kind.MEMBERS, ids) : null;
    }

    /** The app's program; only for a file without problems. Weekly meetings default to the stages' span. */
    Program toProgram() {
        List<Program.Stage> st = list(stages).stream()
                .map(s -> new Program.Stage(s.name(), s.start(), s.end(), requireNonNullElse(s.mentoring(), Program.MentoringForm.ZOOM)))
                .toList();
        LocalDate first = st.stream().map(Program.Stage::start).min(LocalDate::compareTo).orElse(null);
        LocalDate last = st.stream().map(Program.Stage::end).max(LocalDate::compareTo).orElse(null);
        List<Program.Competition> cs = list(competitions).stream()
                .map(c -> new Program.Competition(c.id(), c.name(), c.start(), c.end(), channel(c.discussion()),
                        requireNonNullElse(c.wrapupDue(), c.end().plusDays(7))))
                .toList();
        List<Program.Lecture> ls = list(lectures).stream().map(l -> new Program.Lecture(l.name(), l.date())).toList();
        List<Program.Meeting> ms = list(meetings).stream()
                .map(m -> new Program.Meeting(m.id(), m.name(), m.day(), m.date(), m.time(),
                        requireNonNullElse(m.durationMinutes(), 60), m.link(), audience(m.who()),
                        m.remindBefore() == null ? List.of(Duration.ofHours(1)) : CampFile.longestFirst(m.remindBefore()),
                        m.day() == null ? m.from() : requireNonNullElse(m.from(), first),
                        m.day() == null ? m.until() : requireNonNullElse(m.until(), last)))
                .toList();
        List<Program.Deadline> ds = list(deadlines).stream()
                .map(d -> new Program.Deadline(d.id(), d.what(), d.due(), audience(d.who()), d.remindBefore() == null
                        ? List.of(Duration.ofDays(1), Duration.ofHours(1)) : CampFile.longestFirst(d.remindBefore())))
                .toList();
        Program.Prompts pd = Program.Prompts.defaults();
        Prompts p = requireNonNullElse(prompts, new Prompts(null, null, null, null));
        Program.Prompts ps = new Program.Prompts(requireNonNullElse(p.day(), pd.day()), requireNonNullElse(p.time(), pd.time()),
                requireNonNullElse(p.grace(), pd.grace()), list(p.bank()).stream().map(Prompt::toPrompt).toList());
        Program.Duties dd = Program.Duties.defaults();
        Duties d = requireNonNullElse(duties, new Duties(null, null, null));
        Program.Duties du = new Program.Duties(d.weeklyPostReminders() == null ? dd.weeklyPostReminders()
                : d.weeklyPostReminders().stream().filter(Objects::nonNull).distinct().toList(),
                requireNonNullElse(d.reminderTime(), dd.reminderTime()), requireNonNullElse(d.wrapupDigestTime(), dd.wrapupDigestTime()));
        return new Program(st, cs, ls, ms, ds, ps, du);
    }
}
