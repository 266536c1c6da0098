package org.campops.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code config/program.yaml} into a {@link Program}. Every problem is collected and names its line and key
 * ({@code program.yaml line 12: competitions[0].end: ...}), so one run of {@code campops check-config} lists them
 * all: those of single keys (see {@link Program}), then the ones spanning several keys checked here, where the
 * defaults that depend on other keys are also given.
 */
public final class ProgramLoader {
    /** Discord's limit for one message, less room for the heading the bot puts above a prompt. */
    public static final int MAX_PROMPT = 1800;

    private final Program file;
    private final @Nullable ProgramFile names;
    private final Problems problems;

    private ProgramLoader(Program file, @Nullable ProgramFile names, Problems problems) {
        this.file = file;
        this.names = names;
        this.problems = problems;
    }

    /** Reads the program file; a missing file is a problem (callers decide whether the file is optional). */
    public static Program load(Path path) throws ConfigException {
        return read(YamlSource.read(path, "copy config/program.yaml from the project and edit it"));
    }

    public static Program parse(String yaml, String fileName) throws ConfigException {
        return read(YamlSource.parse(yaml, fileName));
    }

    private static Program read(YamlSource source) throws ConfigException {
        Problems problems = new Problems(source);
        Program file = Binder.bind(source, Program.class, problems);
        ProgramLoader loader = null;
        if (file != null) {
            loader = new ProgramLoader(file, Binder.bind(source, ProgramFile.class, problems), problems);
            loader.check();
        }
        problems.throwIfAny();
        return Objects.requireNonNull(loader, "bound without problems").program();
    }

    /**
     * The program as the app uses it; only for a file without problems. Competitions' channels are ids, a wrap-up is
     * due a week after the end unless given, and weekly meetings run over the stages' span unless from and until say.
     */
    // Runs only once check() found no problems: names was bound and each reference resolved; the optional values
    // (a meeting's from/until without stages) stay null as Jackson leaves optional keys in these records.
    @SuppressWarnings("NullAway")
    private Program program() {
        LocalDate first = file.stages().stream()
                .map(Program.Stage::start)
                .min(LocalDate::compareTo)
                .orElse(null);
        LocalDate last = file.stages().stream()
                .map(Program.Stage::end)
                .max(LocalDate::compareTo)
                .orElse(null);
        List<Program.Competition> cs = file.competitions().stream()
                .map(c -> new Program.Competition(
                        c.id(),
                        c.name(),
                        c.start(),
                        c.end(),
                        names.channel(c.discussionChannel()),
                        c.wrapupDue() != null ? c.wrapupDue() : c.end().plusDays(7)))
                .toList();
        List<Program.Meeting> ms = file.meetings().stream()
                .map(m -> m.day() == null
                        ? m
                        : new Program.Meeting(
                                m.id(),
                                m.name(),
                                m.day(),
                                m.date(),
                                m.time(),
                                m.durationMinutes(),
                                m.link(),
                                m.who(),
                                m.remindBefore(),
                                m.from() != null ? m.from() : first,
                                m.until() != null ? m.until() : last))
                .toList();
        return new Program(file.stages(), cs, file.lectures(), ms, file.deadlines(), file.prompts(), file.duties());
    }

    private void check() {
        List<Program.Stage> stages = stages();
        competitions(stages);
        LocalDate first = stages.stream()
                .map(Program.Stage::start)
                .min(LocalDate::compareTo)
                .orElse(null);
        LocalDate last = stages.stream()
                .map(Program.Stage::end)
                .max(LocalDate::compareTo)
                .orElse(null);
        Set<String> ids = new HashSet<>();
        List<Program.Meeting> meetings = nonNull(file.meetings());
        for (int i = 0; i < meetings.size(); i++) {
            meeting("meetings[" + i + "]", meetings.get(i), ids, first, last);
        }
        ids.clear();
        List<Program.Deadline> deadlines = nonNull(file.deadlines());
        for (int i = 0; i < deadlines.size(); i++) {
            Program.Deadline d = deadlines.get(i);
            if (d != null) {
                uniqueId("deadlines[" + i + "]", d.id(), ids, "'" + d.id() + "' is used twice");
            }
        }
        if (file.prompts() != null) {
            prompts(nonNull(file.prompts().bank()));
        }
    }

    /** The stages whose dates are usable, each checked against those before it. */
    private List<Program.Stage> stages() {
        List<Program.Stage> out = new ArrayList<>();
        List<Program.Stage> stages = nonNull(file.stages());
        for (int i = 0; i < stages.size(); i++) {
            Program.Stage s = stages.get(i);
            String key = "stages[" + i + "]";
            if (s == null || s.name() == null || s.start() == null || s.end() == null) {
                continue;
            }
            if (s.end().isBefore(s.start())) {
                problems.add(key + ".end", s.end() + " is before the stage's start " + s.start());
                continue;
            }
            for (Program.Stage other : out) {
                if (!s.start().isAfter(other.end()) && !s.end().isBefore(other.start())) {
                    problems.add(
                            key,
                            "'" + s.name() + "' overlaps the stage '" + other.name() + "' (" + other.start() + " to "
                                    + other.end() + ")");
                }
            }
            out.add(new Program.Stage(s.name(), s.start(), s.end()));
        }
        return out;
    }

    private void competitions(List<Program.Stage> stages) {
        Set<String> ids = new HashSet<>();
        List<Program.Competition> competitions = nonNull(file.competitions());
        for (int i = 0; i < competitions.size(); i++) {
            Program.Competition c = competitions.get(i);
            String key = "competitions[" + i + "]";
            if (c == null) {
                continue;
            }
            uniqueId(key, c.id(), ids, "'" + c.id() + "' is used by another competition");
            String discussion = c.discussionChannel();
            if (discussion != null && !problems.covers(key + ".discussion") && channel(discussion) == null) {
                Set<String> known = names == null || names.channels() == null
                        ? Set.of()
                        : names.channels().keySet();
                problems.add(
                        key + ".discussion",
                        "unknown channel '" + discussion + "': use a channel id, or a name" + " defined under channels:"
                                + (known.isEmpty() ? " (none defined)" : " (" + String.join(", ", known) + ")"));
            }
            if (c.start() == null || c.end() == null) {
                continue;
            }
            if (c.end().isBefore(c.start())) {
                problems.add(key + ".end", c.end() + " is before the competition's start " + c.start());
            } else if (c.wrapupDue() != null && c.wrapupDue().isBefore(c.end())) {
                problems.add(key + ".wrapupDue", c.wrapupDue() + " is before the competition ends (" + c.end() + ")");
            } else if (!stages.isEmpty() && stages.stream().noneMatch(s -> s.covers(c.start()))) {
                problems.add(key + ".start", c.start() + " is in no stage; check the stages' dates");
            }
        }
    }

    /** A weekly meeting runs from {@code first} to {@code last} (the stages' span) unless from and until say otherwise. */
    private void meeting(
            String key, Program.Meeting m, Set<String> ids, @Nullable LocalDate first, @Nullable LocalDate last) {
        if (m == null) {
            return;
        }
        uniqueId(key, m.id(), ids, "'" + m.id() + "' is used twice");
        if (problems.covers(key + ".day") || problems.covers(key + ".date")) {
            return;
        }
        if ((m.day() == null) == (m.date() == null)) {
            problems.add(key, "give either day (weekly, e.g. day: monday) or date (once, e.g. date: 2026-12-01)");
        } else if (m.day() != null && !problems.covers(key + ".from") && !problems.covers(key + ".until")) {
            LocalDate from = m.from() != null ? m.from() : first;
            LocalDate until = m.until() != null ? m.until() : last;
            if (from == null || until == null) {
                problems.add(key, "a weekly meeting needs from and until (or stages to take them from)");
            } else if (until.isBefore(from)) {
                problems.add(key + ".until", until + " is before " + from);
            }
        }
    }

    private void uniqueId(String key, String id, Set<String> ids, String message) {
        if (id != null && !problems.covers(key + ".id") && !ids.add(id)) {
            problems.add(key + ".id", message);
        }
    }

    /** The id a channel reference names (null: unknown). */
    private @Nullable String channel(String reference) {
        return names == null ? null : names.channel(reference);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void prompts(List<Program.Prompt> bank) {
        for (int i = 0; i < bank.size(); i++) {
            String key = "prompts.bank[" + i + "]";
            Program.Prompt p = bank.get(i);
            if (problems.covers(key)) {
                continue;
            }
            if (p == null || (p.ko() == null && p.en() == null)) {
                problems.add(key, "empty prompt");
                continue;
            }
            int length = p.text().length();
            if (length > MAX_PROMPT) {
                problems.add(
                        key,
                        length + " characters; a prompt must fit one Discord message with its heading (at most "
                                + MAX_PROMPT + ")");
            }
        }
    }
}
