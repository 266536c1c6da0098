package org.campops.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The camp's calendar, written once in {@code config/program.yaml}: stages, competitions, lectures,
 * staff meetings, material deadlines, the bank of weekly discussion prompts and when duties are
 * reminded. Dates and times are in the camp's zone.
 */
public record Program(List<Stage> stages, List<Competition> competitions, List<Lecture> lectures, List<Meeting> meetings,
                      List<Deadline> deadlines, Prompts prompts, Duties duties) {

    public Program {
        stages = List.copyOf(stages);
        competitions = List.copyOf(competitions);
        lectures = List.copyOf(lectures);
        meetings = List.copyOf(meetings);
        deadlines = List.copyOf(deadlines);
    }

    /** A camp without a program file: no stages, nothing scheduled, default times. */
    public static Program empty() {
        return new Program(List.of(), List.of(), List.of(), List.of(), List.of(), Prompts.defaults(), Duties.defaults());
    }

    public Program withStages(List<Stage> newStages) {
        return new Program(newStages, competitions, lectures, meetings, deadlines, prompts, duties);
    }

    /** The stage running on {@code day}, if any. */
    public Optional<Stage> stageOn(LocalDate day) {
        return stages.stream().filter(s -> s.covers(day)).findFirst();
    }

    public Optional<Competition> competition(String id) {
        return competitions.stream().filter(c -> c.id().equalsIgnoreCase(id.strip())).findFirst();
    }

    /** How mentors meet their teams in a stage: weekly Zoom sessions, or weekly posts on the discussion board. */
    public enum MentoringForm { ZOOM, DISCUSSION }

    /** A stage (dates inclusive); weekly mentoring series end with their stage. */
    public record Stage(String name, LocalDate start, LocalDate end, MentoringForm mentoring) {
        public Stage(String name, LocalDate start, LocalDate end) {
            this(name, start, end, MentoringForm.ZOOM);
        }

        public boolean covers(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
    }

    /**
     * A Kaggle-style competition: its dates (inclusive), the forum or text channel its weekly
     * discussion prompts go to, and when mentors' wrap-up reviews are due.
     */
    public record Competition(String id, String name, LocalDate start, LocalDate end, String discussionChannel,
                              LocalDate wrapupDue) {
        public boolean covers(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
    }

    /** A lecture of a stage (listed in /duties for the mentors helping with it). */
    public record Lecture(String name, LocalDate date) {
    }

    /**
     * Who a meeting or deadline is for: everyone with the mentor role (posted in the mentors'
     * channel), the organizers (their channel), or named members (by DM).
     */
    public record Audience(Kind kind, List<String> userIds) {
        public enum Kind { MENTORS, ORGANIZERS, MEMBERS }

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
     * {@code date}; its link goes only to its audience.
     */
    public record Meeting(String id, String name, DayOfWeek day, LocalDate date, LocalTime time, int durationMinutes,
                          String link, Audience who, List<Duration> remindBefore, LocalDate from, LocalDate until) {
        public Meeting {
            remindBefore = List.copyOf(remindBefore);
        }
    }

    /** A lecture-material (or other) deadline for its audience. */
    public record Deadline(String id, String what, LocalDateTime due, Audience who, List<Duration> remindBefore) {
        public Deadline {
            remindBefore = List.copyOf(remindBefore);
        }
    }

    /** One discussion prompt in Korean and English (either may be missing, not both). */
    public record Prompt(String ko, String en) {
        public String text() {
            if (ko != null && en != null) {
                return ko + "\n\n" + en;
            }
            return ko != null ? ko : en;
        }
    }

    /** When the week's discussion prompt is posted, how late a missed one may still go out, the bank. */
    public record Prompts(DayOfWeek day, LocalTime time, Duration grace, List<Prompt> bank) {
        public Prompts {
            bank = List.copyOf(bank);
        }

        public static Prompts defaults() {
            return new Prompts(DayOfWeek.MONDAY, LocalTime.of(10, 0), Duration.ofHours(12), List.of());
        }
    }

    /**
     * When mentors are reminded of their weekly discussion post (days of the week, time) and when
     * the daily wrap-up digest goes out.
     */
    public record Duties(List<DayOfWeek> weeklyPostReminders, LocalTime reminderTime, LocalTime wrapupDigestTime) {
        public Duties {
            weeklyPostReminders = List.copyOf(weeklyPostReminders);
        }

        public static Duties defaults() {
            return new Duties(List.of(DayOfWeek.WEDNESDAY), LocalTime.of(10, 0), LocalTime.of(9, 0));
        }
    }
}
