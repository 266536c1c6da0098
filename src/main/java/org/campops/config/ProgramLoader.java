package org.campops.config;

import static org.campops.config.ProgramFile.list;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code config/program.yaml} into a {@link Program}. Every problem is collected and names its line and key
 * ({@code program.yaml line 12: competitions[0].end: ...}), so one run of {@code campops check-config} lists them
 * all: those of single keys (see {@link ProgramFile}), then the ones spanning several keys checked here.
 */
public final class ProgramLoader {
    /** Discord's limit for one message, less room for the heading the bot puts above a prompt. */
    public static final int MAX_PROMPT = 1800;

    private final ProgramFile file;
    private final Problems problems;

    private ProgramLoader(ProgramFile file, Problems problems) {
        this.file = file;
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
        ProgramFile file = Binder.bind(source, ProgramFile.class, problems);
        if (file != null) {
            new ProgramLoader(file, problems).check();
        }
        problems.throwIfAny();
        return file.toProgram();
    }

    private void check() {
        List<Program.Stage> stages = stages();
        competitions(stages);
        LocalDate first = stages.stream().map(Program.Stage::start).min(LocalDate::compareTo).orElse(null);
        LocalDate last = stages.stream().map(Program.Stage::end).max(LocalDate::compareTo).orElse(null);
        Set<String> ids = new HashSet<>();
        List<ProgramFile.Meeting> meetings = list(file.meetings());
        for (int i = 0; i < meetings.size(); i++) {
            meeting("meetings[" + i + "]", meetings.get(i), ids, first, last);
        }
        ids.clear();
        List<ProgramFile.Deadline> deadlines = list(file.deadlines());
        for (int i = 0; i < deadlines.size(); i++) {
            ProgramFile.Deadline d = deadlines.get(i);
            if (d != null) {
                uniqueId("deadlines[" + i + "]", d.id(), ids, "'" + d.id() + "' is used twice");
                audience("deadlines[" + i + "].who", d.who());
            }
        }
        if (file.prompts() != null) {
            prompts(list(file.prompts().bank()));
        }
    }

    /** The stages whose dates are usable, each checked against those before it. */
    private List<Program.Stage> stages() {
        List<Program.Stage> out = new ArrayList<>();
        List<ProgramFile.Stage> stages = list(file.stages());
        for (int i = 0; i < stages.size(); i++) {
            ProgramFile.Stage s = stages.get(i);
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
                    problems.add(key, "'" + s.name() + "' overlaps the stage '" + other.name() + "' (" + other.start()
                            + " to " + other.end() + ")");
                }
            }
            out.add(new Program.Stage(s.name(), s.start(), s.end()));
        }
        return out;
    }

    private void competitions(List<Program.Stage> stages) {
        Set<String> ids = new HashSet<>();
        List<ProgramFile.Competition> competitions = list(file.competitions());
        for (int i = 0; i < competitions.size(); i++) {
            ProgramFile.Competition c = competitions.get(i);
            String key = "competitions[" + i + "]";
            if (c == null) {
                continue;
            }
            uniqueId(key, c.id(), ids, "'" + c.id() + "' is used by another competition");
            if (c.discussion() != null && !problems.covers(key + ".discussion") && file.channel(c.discussion()) == null) {
                Set<String> names = file.channels() == null ? Set.of() : file.channels().keySet();
                problems.add(key + ".discussion", "unknown channel '" + c.discussion() + "': use a channel id, or a name"
                        + " defined under channels:" + (names.isEmpty() ? " (none defined)" : " (" + String.join(", ", names) + ")"));
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
    private void meeting(String key, ProgramFile.Meeting m, Set<String> ids, LocalDate first, LocalDate last) {
        if (m == null) {
            return;
        }
        uniqueId(key, m.id(), ids, "'" + m.id() + "' is used twice");
        audience(key + ".who", m.who());
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

    private void audience(String key, List<String> who) {
        if (who == null || problems.covers(key)) {
            return;
        }
        if (who.isEmpty()) {
            problems.add(key, "names nobody");
        } else if (ProgramFile.audience(who) == null) {
            String bad = who.stream().filter(w -> w == null || !w.replaceFirst("^<@!?(\\d+)>$", "$1").matches(ProgramFile.SNOWFLAKE))
                    .findFirst().orElse(null);
            problems.add(key, "expected mentors, organizers, or member ids (digits), got '" + bad + "'");
        }
    }

    private void prompts(List<ProgramFile.Prompt> bank) {
        for (int i = 0; i < bank.size(); i++) {
            String key = "prompts.bank[" + i + "]";
            ProgramFile.Prompt p = bank.get(i);
            if (problems.covers(key)) {
                continue;
            }
            if (p == null || (p.ko() == null && p.en() == null)) {
                problems.add(key, "empty prompt");
                continue;
            }
            int length = p.toPrompt().text().length();
            if (length > MAX_PROMPT) {
                problems.add(key, length + " characters; a prompt must fit one Discord message with its heading (at most "
                        + MAX_PROMPT + ")");
            }
        }
    }
}
