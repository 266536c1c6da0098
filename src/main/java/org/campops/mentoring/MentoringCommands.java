package org.campops.mentoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.campops.chat.ButtonId;
import org.campops.chat.CommandSpec;
import org.campops.chat.ComponentEvent;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.teams.Team;
import org.campops.teams.TeamCommands;
import org.campops.teams.TeamService;

/** /mentoring set|skip|move|topic|next|report and the attendance, feedback and note buttons. */
public final class MentoringCommands {
    public static final String FEATURE = MentoringPosts.FEATURE;
    private static final int DEFAULT_DURATION = 60;

    private final MentoringService service;
    private final TeamService teams;
    private final TeamCommands teamCommands;

    public MentoringCommands(MentoringService service, TeamService teams, TeamCommands teamCommands) {
        this.service = service;
        this.teams = teams;
        this.teamCommands = teamCommands;
    }

    public CommandSpec spec() {
        OptionSpec team = teamCommands.teamOption();
        OptionSpec optionalTeam = new OptionSpec("team", team.type(), false, team.maxLength(), team.completer());
        return CommandSpec.group(
                "mentoring",
                CommandSpec.leaf(
                        "set",
                        Role.MENTOR,
                        this::set,
                        team,
                        OptionSpec.text("day", true, 20),
                        OptionSpec.text("time", true, 10),
                        OptionSpec.text("link", true, MentoringInput.MAX_LINK),
                        OptionSpec.integer("duration", false)),
                CommandSpec.leaf("skip", Role.MENTOR, this::skip, team, OptionSpec.text("date", true, 30)),
                CommandSpec.leaf(
                        "move",
                        Role.MENTOR,
                        this::move,
                        team,
                        OptionSpec.text("date", true, 30),
                        OptionSpec.text("time", true, 30)),
                CommandSpec.leaf(
                        "topic",
                        Role.MENTOR,
                        this::topic,
                        team,
                        OptionSpec.text("text", true, MentoringService.MAX_TOPIC)),
                CommandSpec.leaf("next", Role.EVERYONE, this::next, optionalTeam),
                CommandSpec.leaf("report", Role.MENTOR, this::report, optionalTeam));
    }

    private Reply set(Invocation inv) {
        long asked = inv.option("duration").map(Long::parseLong).orElse((long) DEFAULT_DURATION);
        int duration = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, asked));
        MentoringService.SetResult r = service.set(new MentoringService.SetRequest(
                inv.caller(),
                inv.option("team").orElse(""),
                inv.option("day").orElse(""),
                inv.option("time").orElse(""),
                duration,
                inv.option("link").orElse("")));
        return Reply.ephemeral(inv.text(
                "mentoring.set",
                Texts.defuse(r.team().name()),
                MentoringPosts.dayName(r.series().day(), inv.locale()),
                r.series().time().toString(),
                r.series().zone().getId(),
                r.series().durationMinutes(),
                Texts.timestamp(r.first()),
                Texts.timestamp(r.last()),
                r.sessions(),
                r.stage() == null ? "-" : Texts.defuse(r.stage())));
    }

    private Reply skip(Invocation inv) {
        Session s = service.skip(
                inv.caller(), inv.option("team").orElse(""), inv.option("date").orElse(""));
        return Reply.ephemeral(inv.text("mentoring.skipped", Texts.timestamp(s.startAt())));
    }

    private Reply move(Invocation inv) {
        Session s = service.move(
                inv.caller(),
                inv.option("team").orElse(""),
                inv.option("date").orElse(""),
                inv.option("time").orElse(""));
        return Reply.ephemeral(inv.text("mentoring.moved", Texts.timestamp(s.startAt())));
    }

    private Reply topic(Invocation inv) {
        Session s = service.topic(
                inv.caller(), inv.option("team").orElse(""), inv.option("text").orElse(""));
        return Reply.ephemeral(inv.text("mentoring.topicSet", Texts.timestamp(s.startAt()), Texts.defuse(s.topic())));
    }

    private Reply next(Invocation inv) {
        Optional<String> ref = inv.option("team");
        List<Team> list =
                ref.isPresent() ? List.of(teams.visible(inv.caller(), ref.get())) : teams.visibleTo(inv.caller());
        if (list.isEmpty()) {
            return Reply.ephemeral(inv.text("mentoring.next.noTeam"));
        }
        List<String> lines = new ArrayList<>();
        for (Team t : list) {
            Optional<Session> s = service.next(t);
            Optional<Series> series = service.series(t);
            if (s.isEmpty() || series.isEmpty()) {
                lines.add(inv.text("mentoring.next.none", Texts.defuse(t.name())));
            } else {
                lines.add(inv.text(
                        "mentoring.next.item",
                        Texts.defuse(t.name()),
                        Texts.timestamp(s.get().startAt()),
                        Texts.relative(s.get().startAt()),
                        s.get().durationMinutes(),
                        s.get().topic() == null
                                ? inv.text("mentoring.noTopic")
                                : Texts.defuse(s.get().topic()),
                        series.get().link()));
            }
        }
        return Reply.ephemeral(page(lines, inv));
    }

    private Reply report(Invocation inv) {
        List<MentoringRecords.TeamReport> reports =
                service.records().report(inv.caller(), inv.option("team").orElse(null));
        if (reports.isEmpty()) {
            return Reply.ephemeral(inv.text("mentoring.report.none"));
        }
        List<String> lines = new ArrayList<>();
        for (MentoringRecords.TeamReport r : reports) {
            List<String> below = new ArrayList<>();
            String feedback = feedback(r.feedback(), below, inv);
            StringBuilder sb = new StringBuilder(inv.text(
                    "mentoring.report.item",
                    Texts.defuse(r.team().name()),
                    Texts.mention(r.team().mentorId()),
                    r.held(),
                    r.skipped(),
                    r.planned(),
                    Math.round(r.attendanceRate() * 100),
                    r.attended(),
                    r.expectedAttendance(),
                    feedback,
                    r.notes()));
            for (String line : below) {
                sb.append("\n  > ").append(line);
            }
            lines.add(sb.toString());
        }
        return Reply.ephemeral(page(lines, inv));
    }

    /**
     * The feedback part of a team's line, and the lines under it: for organizers the exact average and count and the
     * comments; for mentors only the rounded figures of closed weeks, without counts ({@link FeedbackWindows}).
     */
    private String feedback(FeedbackWindows.View view, List<String> below, Invocation inv) {
        int min = service.feedbackMinAnswers();
        if (view instanceof FeedbackWindows.All all) {
            for (String c : all.comments()) {
                below.add(Texts.clip(Texts.defuse(c).replace('\n', ' '), 200));
            }
            return all.count() == 0
                    ? inv.text("mentoring.report.noFeedback")
                    : inv.text(
                            "mentoring.report.feedback",
                            String.format(Locale.ROOT, "%.1f", all.average()),
                            all.count());
        }
        FeedbackWindows.Closed closed = (FeedbackWindows.Closed) view;
        for (FeedbackWindows.Window w : closed.windows()) {
            below.add(inv.text(
                    "mentoring.report.window",
                    w.from().toString(),
                    w.to().toString(),
                    String.format(Locale.ROOT, "%.1f", w.roundedAverage()),
                    min));
        }
        if (closed.windows().isEmpty()) {
            return inv.text("mentoring.report.feedbackNotYet", min);
        }
        if (closed.more()) {
            below.add(inv.text("mentoring.report.feedbackNewer", min));
        }
        return inv.text("mentoring.report.feedbackWindows");
    }

    /** Joins lines within Discord's limit; what does not fit is counted, with how to narrow it down. */
    private static String page(List<String> lines, Invocation inv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (sb.length() == 0 ? "" : "\n") + lines.get(i);
            if (sb.length() + line.length() > Texts.MAX_MESSAGE - 80) {
                sb.append('\n').append(inv.text("mentoring.more", lines.size() - i));
                break;
            }
            sb.append(line);
        }
        return sb.toString();
    }

    /** Attendance, feedback and note buttons and forms; a malformed id throws {@link ButtonId.Invalid}. */
    public Reply onComponent(ComponentEvent e) {
        ButtonId id = Objects.requireNonNull(e.id(), "the router passes on events with an id");
        switch (id.action()) {
            case "att" -> {
                boolean attended = id.expectArgs(2).flag(1);
                Session s = service.records().attend(e.caller(), id.number(0), attended);
                return Reply.ephemeral(
                        e.text(attended ? "mentoring.attended" : "mentoring.absent", Texts.timestamp(s.startAt())));
            }
            case "fb" -> {
                Session s = service.records()
                        .checkFeedback(e.caller(), id.expectArgs(1).number(0));
                return Reply.modal(new Reply.Modal(
                        ButtonId.of(FEATURE, "fbs", String.valueOf(s.id())).encode(),
                        e.text("mentoring.form.feedback"),
                        List.of(
                                new Reply.Field("rating", e.text("mentoring.form.rating"), false, true, 1),
                                new Reply.Field(
                                        "comment",
                                        e.text("mentoring.form.comment"),
                                        true,
                                        false,
                                        MentoringService.MAX_NOTE))));
            }
            case "fbs" -> {
                service.records()
                        .feedback(
                                e.caller(),
                                id.expectArgs(1).number(0),
                                e.fields().get("rating"),
                                e.fields().get("comment"));
                return Reply.ephemeral(e.text("mentoring.feedbackThanks"));
            }
            case "note" -> {
                Session s =
                        service.records().checkNote(e.caller(), id.expectArgs(1).number(0));
                return Reply.modal(new Reply.Modal(
                        ButtonId.of(FEATURE, "notes", String.valueOf(s.id())).encode(),
                        e.text("mentoring.form.note"),
                        List.of(new Reply.Field(
                                "note", e.text("mentoring.form.noteField"), true, true, MentoringService.MAX_NOTE))));
            }
            case "notes" -> {
                service.records()
                        .note(e.caller(), id.expectArgs(1).number(0), e.fields().get("note"));
                return Reply.ephemeral(e.text("mentoring.noteSaved"));
            }
            default -> throw id.unknownAction();
        }
    }
}
