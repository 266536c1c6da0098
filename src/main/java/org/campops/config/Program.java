package org.campops.config;

import static com.fasterxml.jackson.annotation.JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.campops.config.Checks.Between;
import org.campops.config.Checks.Default;
import org.campops.config.Checks.Id;
import org.campops.config.Checks.Required;
import org.campops.config.Checks.Text;
import org.campops.config.Checks.WebAddress;
import org.jspecify.annotations.Nullable;

/**
 * The camp's calendar, written once in {@code config/program.yaml}: stages, competitions, lectures,
 * staff meetings, material deadlines, the bank of weekly discussion prompts and when duties are
 * reminded. Dates and times are in the camp's zone. These records are the file: each key is one component, with its
 * checks ({@link Checks}) and its {@link Default}; {@link ProgramLoader} binds the file into them and checks what spans
 * several keys. The file's {@code channels:} (names for channel ids) is read by {@link ProgramFile}.
 */
@JsonIgnoreProperties({"channels"})
public record Program(
        @Default({}) List<@Valid Stage> stages,
        @Default({}) List<@Valid Competition> competitions,
        @Default({}) List<@Valid Lecture> lectures,
        @Default({}) List<@Valid Meeting> meetings,
        @Default({}) List<@Valid Deadline> deadlines,
        @Valid Prompts prompts,
        @Valid Duties duties) {
    private static final String WHO = "missing (mentors, organizers, or a list of member ids)";

    public Program {
        stages = Lists.copy(stages);
        competitions = Lists.copy(competitions);
        lectures = Lists.copy(lectures);
        meetings = Lists.copy(meetings);
        deadlines = Lists.copy(deadlines);
    }

    /** A camp without a program file: no stages, nothing scheduled, default times. */
    public static Program empty() {
        return Defaults.of(Program.class);
    }

    public Program withStages(List<Stage> newStages) {
        return new Program(newStages, competitions, lectures, meetings, deadlines, prompts, duties);
    }

    /** The stage running on {@code day}, if any. */
    public Optional<Stage> stageOn(LocalDate day) {
        return stages.stream().filter(s -> s.covers(day)).findFirst();
    }

    public Optional<Competition> competition(String id) {
        return competitions.stream()
                .filter(c -> c.id().equalsIgnoreCase(id.strip()))
                .findFirst();
    }

    /** How mentors meet their teams in a stage: weekly Zoom sessions, or weekly posts on the discussion board. */
    public enum MentoringForm {
        ZOOM,
        DISCUSSION
    }

    /** A stage (dates inclusive); weekly mentoring series end with their stage. */
    public record Stage(
            @Required @Text(max = 100) String name,
            @Required LocalDate start,
            @Required LocalDate end,
            @Default("zoom") MentoringForm mentoring) {
        public Stage(String name, LocalDate start, LocalDate end) {
            this(name, start, end, MentoringForm.ZOOM);
        }

        public boolean covers(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
    }

    /**
     * A Kaggle-style competition: its dates (inclusive), the forum or text channel its weekly
     * discussion prompts go to, and when mentors' wrap-up reviews are due. The file writes the channel as
     * {@code discussion}: an id, or a name under {@code channels:}, which {@link ProgramLoader} resolves; a missing
     * {@code wrapupDue} is a week after the end.
     */
    public record Competition(
            @Required @Id String id,
            @Required @Text(max = 100) String name,
            @Required LocalDate start,
            @Required LocalDate end,

            @JsonProperty("discussion") @Required @Text(max = 100)
            String discussionChannel,

            LocalDate wrapupDue) {
        public boolean covers(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
    }

    /** A lecture of a stage (listed in /duties for the mentors helping with it). */
    public record Lecture(
            @Required @Text(max = 200) String name,
            @Required LocalDate date) {}

    /**
     * Who a meeting or deadline is for: everyone with the mentor role (posted in the mentors'
     * channel), the organizers (their channel), or named members (by DM). Read by {@link ProgramFile.Who}.
     */
    @JsonDeserialize(using = ProgramFile.Who.class)
    public record Audience(Kind kind, List<String> userIds) {
        public enum Kind {
            MENTORS,
            ORGANIZERS,
            MEMBERS
        }

        public Audience {
            userIds = List.copyOf(userIds);
        }

        public boolean includes(String userId, boolean isMentor, boolean isOrganizer) {
            return switch (kind) {
                case MENTORS -> isMentor;
                case ORGANIZERS -> isOrganizer;
                case MEMBERS -> userIds.contains(userId);
            };
        }
    }

    /**
     * A staff meeting: weekly on {@code day} (from {@code from} to {@code until}) or once on
     * {@code date}; its link goes only to its audience. A weekly meeting without from or until runs over the
     * stages' span ({@link ProgramLoader}).
     */
    public record Meeting(
            @Required @Id String id,
            @Required @Text(max = 100) String name,
            DayOfWeek day,
            LocalDate date,
            @Required LocalTime time,
            @Default("60") @Between(min = 10, max = 480) int durationMinutes,
            @Text(max = 500) @WebAddress String link,
            @Required(message = WHO) Audience who,

            @Default("1h")
            @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @JsonDeserialize(converter = Lists.LongestFirst.class)
            List<Duration> remindBefore,

            LocalDate from,
            LocalDate until) {
        public Meeting {
            remindBefore = Lists.copy(remindBefore);
        }
    }

    /** A lecture-material (or other) deadline for its audience. */
    public record Deadline(
            @Required @Id String id,
            @Required @Text(max = 200) String what,
            @Required LocalDateTime due,
            @Required(message = WHO) Audience who,

            @Default({"1d", "1h"})
            @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)
            @JsonDeserialize(converter = Lists.LongestFirst.class)
            List<Duration> remindBefore) {
        public Deadline {
            remindBefore = Lists.copy(remindBefore);
        }
    }

    /** One discussion prompt in Korean and English (either may be missing, not both); one text is read as Korean. */
    public record Prompt(@Nullable String ko, @Nullable String en) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Prompt {}

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Prompt of(@Nullable String text) {
            return new Prompt(text == null || text.isBlank() ? null : text.strip(), null);
        }

        public String text() {
            if (ko != null && en != null) {
                return ko + "\n\n" + en;
            }
            return ko != null ? ko : Objects.requireNonNull(en, "ko or en (checked at load)");
        }
    }

    /** When the week's discussion prompt is posted, how late a missed one may still go out, the bank. */
    public record Prompts(
            @Default("monday") DayOfWeek day,
            @Default("10:00") LocalTime time,
            @Default("12h") Duration grace,
            @Default({}) List<Prompt> bank) {
        public Prompts {
            bank = Lists.copy(bank);
        }

        public static Prompts defaults() {
            return Defaults.of(Prompts.class);
        }
    }

    /**
     * When mentors are reminded of their weekly discussion post (days of the week, time) and when
     * the daily wrap-up digest goes out.
     */
    public record Duties(
            @Default("wednesday") @JsonDeserialize(converter = Lists.Distinct.class)
            List<DayOfWeek> weeklyPostReminders,

            @Default("10:00") LocalTime reminderTime,
            @Default("09:00") LocalTime wrapupDigestTime) {
        public Duties {
            weeklyPostReminders = Lists.copy(weeklyPostReminders);
        }

        public static Duties defaults() {
            return Defaults.of(Duties.class);
        }
    }
}
