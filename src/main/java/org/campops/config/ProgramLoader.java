package org.campops.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code config/program.yaml} into a {@link Program}. Every problem is collected and names its
 * line and key ({@code program.yaml line 12: competitions[0].end: ...}), so one run of
 * {@code campops check-config} lists them all.
 */
public final class ProgramLoader {
    /** Discord's limit for one message, less room for the heading the bot puts above a prompt. */
    public static final int MAX_PROMPT = 1800;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{5,20}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = new HashMap<>();

    static {
        for (DayOfWeek d : DayOfWeek.values()) {
            String en = d.name().toLowerCase(Locale.ROOT);
            DAYS.put(en, d);
            DAYS.put(en.substring(0, 3), d);
        }
        String[] ko = {"월", "화", "수", "목", "금", "토", "일"};
        for (int i = 0; i < 7; i++) {
            DAYS.put(ko[i], DayOfWeek.of(i + 1));
            DAYS.put(ko[i] + "요일", DayOfWeek.of(i + 1));
        }
    }

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> channels = new LinkedHashMap<>();

    private ProgramLoader(String file) {
        this.file = file;
    }

    /** Reads the program file; a missing file is a problem (callers decide whether the file is optional). */
    public static Program load(Path path) throws ConfigException {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(List.of(path + ": file not found (copy config/program.yaml from the project and edit it)"));
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot read: " + e.getMessage()));
        }
        return parse(text, path.getFileName().toString());
    }

    public static Program parse(String yaml, String fileName) throws ConfigException {
        ProgramLoader l = new ProgramLoader(fileName);
        JsonNode root;
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            root = first == null ? NODES.objectNode() : l.read(p, "");
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " line " + j.getLocation().getLineNr() : "";
            throw new ConfigException(List.of(fileName + where + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
        Program p = l.program(root);
        if (!l.problems.isEmpty()) {
            throw new ConfigException(l.problems);
        }
        return p;
    }

    // ---- reading with line numbers ----

    private JsonNode read(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    o.set(name, read(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, path + "[" + i++ + "]"));
                }
                return a;
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            default -> {
                return NODES.textNode(p.getText());
            }
        }
    }

    private void problem(String key, String message) {
        Integer line = lines.get(key);
        problems.add(file + (line == null ? "" : " line " + line) + ": " + key + ": " + message);
    }

    // ---- the file ----

    private Program program(JsonNode root) {
        if (!root.isObject()) {
            problems.add(file + ": expected a mapping with stages, competitions, meetings, deadlines, prompts");
            return Program.empty();
        }
        keys(root, "", Set.of("channels", "stages", "competitions", "lectures", "meetings", "deadlines", "prompts", "duties"));
        JsonNode ch = root.get("channels");
        if (ch != null && !ch.isNull()) {
            if (!ch.isObject()) {
                problem("channels", "expected a mapping of names to channel ids, e.g. cv-discussion: \"1190000000000000301\"");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = ch.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String v = e.getValue().asText().strip();
                    if (!SNOWFLAKE.matcher(v).matches()) {
                        problem("channels." + e.getKey(), "expected a Discord channel id (digits), got '" + v + "'");
                    } else {
                        channels.put(e.getKey(), v);
                    }
                }
            }
        }
        List<Program.Stage> stages = stages(root);
        List<Program.Competition> competitions = competitions(root, stages);
        List<Program.Lecture> lectures = new ArrayList<>();
        for (Item i : items(root, "lectures")) {
            keys(i.node, i.key + ".", Set.of("name", "date"));
            String name = text(i.node, i.key + ".name", true, 200);
            LocalDate date = date(i.node, i.key + ".date", true);
            if (name != null && date != null) {
                lectures.add(new Program.Lecture(name, date));
            }
        }
        LocalDate first = stages.stream().map(Program.Stage::start).min(LocalDate::compareTo).orElse(null);
        LocalDate last = stages.stream().map(Program.Stage::end).max(LocalDate::compareTo).orElse(null);
        List<Program.Meeting> meetings = meetings(root, first, last);
        List<Program.Deadline> deadlines = deadlines(root);
        Program.Prompts prompts = prompts(root);
        Program.Duties duties = duties(root);
        return new Program(stages, competitions, lectures, meetings, deadlines, prompts, duties);
    }

    private record Item(String key, JsonNode node) {
    }

    private List<Item> items(JsonNode root, String key) {
        JsonNode n = root.get(key);
        List<Item> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(key, "expected a list (lines starting with '- ')");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject()) {
                problem(key + "[" + i + "]", "expected a mapping");
            } else {
                out.add(new Item(key + "[" + i + "]", n.get(i)));
            }
        }
        return out;
    }

    private List<Program.Stage> stages(JsonNode root) {
        List<Program.Stage> out = new ArrayList<>();
        for (Item i : items(root, "stages")) {
            keys(i.node, i.key + ".", Set.of("name", "start", "end", "mentoring"));
            String name = text(i.node, i.key + ".name", true, 100);
            LocalDate start = date(i.node, i.key + ".start", true);
            LocalDate end = date(i.node, i.key + ".end", true);
            String form = text(i.node, i.key + ".mentoring", false, 20);
            Program.MentoringForm mentoring = Program.MentoringForm.ZOOM;
            if (form != null) {
                switch (form.toLowerCase(Locale.ROOT)) {
                    case "zoom" -> mentoring = Program.MentoringForm.ZOOM;
                    case "discussion" -> mentoring = Program.MentoringForm.DISCUSSION;
                    default -> problem(i.key + ".mentoring", "expected zoom or discussion, got '" + form + "'");
                }
            }
            if (name == null || start == null || end == null) {
                continue;
            }
            if (end.isBefore(start)) {
                problem(i.key + ".end", end + " is before the stage's start " + start);
                continue;
            }
            for (Program.Stage other : out) {
                if (!start.isAfter(other.end()) && !end.isBefore(other.start())) {
                    problem(i.key, "'" + name + "' overlaps the stage '" + other.name() + "' (" + other.start() + " to "
                            + other.end() + ")");
                }
            }
            out.add(new Program.Stage(name, start, end, mentoring));
        }
        return out;
    }

    private List<Program.Competition> competitions(JsonNode root, List<Program.Stage> stages) {
        List<Program.Competition> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Item i : items(root, "competitions")) {
            keys(i.node, i.key + ".", Set.of("id", "name", "start", "end", "discussion", "wrapupDue"));
            String id = text(i.node, i.key + ".id", true, 40);
            if (id != null && !ID.matcher(id).matches()) {
                problem(i.key + ".id", "expected lower-case letters, digits and '-', e.g. trash-detection, got '" + id + "'");
                id = null;
            } else if (id != null && !ids.add(id)) {
                problem(i.key + ".id", "'" + id + "' is used by another competition");
                id = null;
            }
            String name = text(i.node, i.key + ".name", true, 100);
            LocalDate start = date(i.node, i.key + ".start", true);
            LocalDate end = date(i.node, i.key + ".end", true);
            String discussion = channel(i.node, i.key + ".discussion");
            LocalDate wrapup = date(i.node, i.key + ".wrapupDue", false);
            if (id == null || name == null || start == null || end == null || discussion == null) {
                continue;
            }
            if (end.isBefore(start)) {
                problem(i.key + ".end", end + " is before the competition's start " + start);
                continue;
            }
            if (wrapup == null) {
                wrapup = end.plusDays(7);
            } else if (wrapup.isBefore(end)) {
                problem(i.key + ".wrapupDue", wrapup + " is before the competition ends (" + end + ")");
                continue;
            }
            if (!stages.isEmpty() && stages.stream().noneMatch(s -> s.covers(start))) {
                problem(i.key + ".start", start + " is in no stage; check the stages' dates");
            }
            out.add(new Program.Competition(id, name, start, end, discussion, wrapup));
        }
        return out;
    }

    private List<Program.Meeting> meetings(JsonNode root, LocalDate first, LocalDate last) {
        List<Program.Meeting> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Item i : items(root, "meetings")) {
            keys(i.node, i.key + ".", Set.of("id", "name", "day", "date", "time", "durationMinutes", "link", "who",
                    "remindBefore", "from", "until"));
            String id = id(i, ids);
            String name = text(i.node, i.key + ".name", true, 100);
            DayOfWeek day = day(i.node, i.key + ".day", false);
            LocalDate date = date(i.node, i.key + ".date", false);
            LocalTime time = time(i.node, i.key + ".time", true);
            int duration = integer(i.node, i.key + ".durationMinutes", 60, 10, 480);
            String link = link(i.node, i.key + ".link");
            Program.Audience who = audience(i.node, i.key + ".who");
            List<Duration> remind = durations(i.node, i.key + ".remindBefore", List.of(Duration.ofHours(1)));
            LocalDate from = date(i.node, i.key + ".from", false);
            LocalDate until = date(i.node, i.key + ".until", false);
            if ((day == null) == (date == null)) {
                problem(i.key, "give either day (weekly, e.g. day: monday) or date (once, e.g. date: 2026-12-01)");
                continue;
            }
            if (day != null) {
                from = from != null ? from : first;
                until = until != null ? until : last;
                if (from == null || until == null) {
                    problem(i.key, "a weekly meeting needs from and until (or stages to take them from)");
                    continue;
                }
                if (until.isBefore(from)) {
                    problem(i.key + ".until", until + " is before " + from);
                    continue;
                }
            }
            if (id == null || name == null || time == null || who == null) {
                continue;
            }
            out.add(new Program.Meeting(id, name, day, date, time, duration, link, who, remind, from, until));
        }
        return out;
    }

    private List<Program.Deadline> deadlines(JsonNode root) {
        List<Program.Deadline> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Item i : items(root, "deadlines")) {
            keys(i.node, i.key + ".", Set.of("id", "what", "due", "who", "remindBefore"));
            String id = id(i, ids);
            String what = text(i.node, i.key + ".what", true, 200);
            LocalDateTime due = dateTime(i.node, i.key + ".due");
            Program.Audience who = audience(i.node, i.key + ".who");
            List<Duration> remind = durations(i.node, i.key + ".remindBefore", List.of(Duration.ofDays(1), Duration.ofHours(1)));
            if (id != null && what != null && due != null && who != null) {
                out.add(new Program.Deadline(id, what, due, who, remind));
            }
        }
        return out;
    }

    private Program.Prompts prompts(JsonNode root) {
        Program.Prompts d = Program.Prompts.defaults();
        JsonNode n = root.get("prompts");
        if (n == null || n.isNull()) {
            return d;
        }
        if (!n.isObject()) {
            problem("prompts", "expected a mapping with day, time, grace, bank");
            return d;
        }
        keys(n, "prompts.", Set.of("day", "time", "grace", "bank"));
        DayOfWeek day = day(n, "prompts.day", false);
        LocalTime time = time(n, "prompts.time", false);
        Duration grace = duration(n, "prompts.grace", d.grace());
        List<Program.Prompt> bank = new ArrayList<>();
        JsonNode b = n.get("bank");
        if (b != null && !b.isNull()) {
            if (!b.isArray()) {
                problem("prompts.bank", "expected a list of prompts");
            } else {
                for (int i = 0; i < b.size(); i++) {
                    String key = "prompts.bank[" + i + "]";
                    JsonNode e = b.get(i);
                    String ko;
                    String en;
                    if (e.isTextual()) {
                        ko = e.asText().strip();
                        en = null;
                    } else if (e.isObject()) {
                        keys(e, key + ".", Set.of("ko", "en"));
                        ko = text(e, key + ".ko", false, Integer.MAX_VALUE);
                        en = text(e, key + ".en", false, Integer.MAX_VALUE);
                    } else {
                        problem(key, "expected text, or a mapping with ko and en");
                        continue;
                    }
                    if (ko == null && en == null) {
                        problem(key, "empty prompt");
                        continue;
                    }
                    Program.Prompt p = new Program.Prompt(ko, en);
                    if (p.text().length() > MAX_PROMPT) {
                        problem(key, p.text().length() + " characters; a prompt must fit one Discord message with its"
                                + " heading (at most " + MAX_PROMPT + ")");
                        continue;
                    }
                    bank.add(p);
                }
            }
        }
        return new Program.Prompts(day != null ? day : d.day(), time != null ? time : d.time(), grace, bank);
    }

    private Program.Duties duties(JsonNode root) {
        Program.Duties d = Program.Duties.defaults();
        JsonNode n = root.get("duties");
        if (n == null || n.isNull()) {
            return d;
        }
        if (!n.isObject()) {
            problem("duties", "expected a mapping with weeklyPostReminders, reminderTime, wrapupDigestTime");
            return d;
        }
        keys(n, "duties.", Set.of("weeklyPostReminders", "reminderTime", "wrapupDigestTime"));
        List<DayOfWeek> days = new ArrayList<>();
        JsonNode w = n.get("weeklyPostReminders");
        if (w != null && !w.isNull()) {
            if (!w.isArray()) {
                problem("duties.weeklyPostReminders", "expected a list of weekdays, e.g. [wednesday, friday]");
            } else {
                for (int i = 0; i < w.size(); i++) {
                    DayOfWeek day = DAYS.get(w.get(i).asText().strip().toLowerCase(Locale.ROOT));
                    if (day == null) {
                        problem("duties.weeklyPostReminders[" + i + "]", "expected a weekday such as wednesday, got '"
                                + w.get(i).asText() + "'");
                    } else if (!days.contains(day)) {
                        days.add(day);
                    }
                }
            }
        }
        LocalTime reminder = time(n, "duties.reminderTime", false);
        LocalTime digest = time(n, "duties.wrapupDigestTime", false);
        return new Program.Duties(w == null || w.isNull() ? d.weeklyPostReminders() : days,
                reminder != null ? reminder : d.reminderTime(), digest != null ? digest : d.wrapupDigestTime());
    }

    // ---- values ----

    private void keys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(prefix + f, "unknown key (expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private String id(Item i, Set<String> ids) {
        String id = text(i.node, i.key + ".id", true, 40);
        if (id != null && !ID.matcher(id).matches()) {
            problem(i.key + ".id", "expected lower-case letters, digits and '-', got '" + id + "'");
            return null;
        }
        if (id != null && !ids.add(id)) {
            problem(i.key + ".id", "'" + id + "' is used twice");
            return null;
        }
        return id;
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    private String text(JsonNode parent, String key, boolean required, int max) {
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                problem(key, "missing");
            }
            return null;
        }
        if (!n.isValueNode()) {
            problem(key, "expected text");
            return null;
        }
        String v = n.asText().strip();
        if (v.length() > max) {
            problem(key, "at most " + max + " characters, got " + v.length());
            return null;
        }
        return v;
    }

    private LocalDate date(JsonNode parent, String key, boolean required) {
        String v = text(parent, key, required, 40);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            problem(key, "expected a date such as 2026-11-02, got '" + v + "'");
            return null;
        }
    }

    private LocalDateTime dateTime(JsonNode parent, String key) {
        String v = text(parent, key, true, 40);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T'));
        } catch (java.time.format.DateTimeParseException e) {
            problem(key, "expected a date and time such as 2026-12-01 18:00, got '" + v + "'");
            return null;
        }
    }

    private LocalTime time(JsonNode parent, String key, boolean required) {
        String v = text(parent, key, required, 10);
        if (v == null) {
            return null;
        }
        Matcher m = TIME.matcher(v);
        if (m.matches() && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60) {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        problem(key, "expected a time such as \"10:00\" (24-hour, in quotes), got '" + v + "'");
        return null;
    }

    private DayOfWeek day(JsonNode parent, String key, boolean required) {
        String v = text(parent, key, required, 20);
        if (v == null) {
            return null;
        }
        DayOfWeek d = DAYS.get(v.toLowerCase(Locale.ROOT));
        if (d == null) {
            problem(key, "expected a weekday such as monday or 월요일, got '" + v + "'");
        }
        return d;
    }

    private int integer(JsonNode parent, String key, int dflt, int min, int max) {
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || n.longValue() < min || n.longValue() > max) {
            problem(key, "expected a whole number from " + min + " to " + max + ", got '" + n.asText() + "'");
            return dflt;
        }
        return n.intValue();
    }

    private String channel(JsonNode parent, String key) {
        String v = text(parent, key, true, 100);
        if (v == null) {
            return null;
        }
        String id = v.replaceFirst("^<#(\\d+)>$", "$1");
        if (SNOWFLAKE.matcher(id).matches()) {
            return id;
        }
        String named = channels.get(v.replaceFirst("^#", ""));
        if (named == null) {
            problem(key, "unknown channel '" + v + "': use a channel id, or a name defined under channels:"
                    + (channels.isEmpty() ? " (none defined)" : " (" + String.join(", ", channels.keySet()) + ")"));
        }
        return named;
    }

    private String link(JsonNode parent, String key) {
        String v = text(parent, key, false, 500);
        if (v == null) {
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(v);
            if (("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
                return v;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problem(key, "expected an http(s) link such as https://zoom.us/j/123456789");
        return null;
    }

    private Program.Audience audience(JsonNode parent, String key) {
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull()) {
            problem(key, "missing (mentors, organizers, or a list of member ids)");
            return null;
        }
        if (n.isTextual()) {
            switch (n.asText().strip().toLowerCase(Locale.ROOT)) {
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
        List<String> ids = new ArrayList<>();
        for (JsonNode e : n.isArray() ? n : NODES.arrayNode().add(n)) {
            String v = e.asText().strip().replaceFirst("^<@!?(\\d+)>$", "$1");
            if (!SNOWFLAKE.matcher(v).matches()) {
                problem(key, "expected mentors, organizers, or member ids (digits), got '" + e.asText() + "'");
                return null;
            }
            ids.add(v);
        }
        if (ids.isEmpty()) {
            problem(key, "names nobody");
            return null;
        }
        return new Program.Audience(Program.Audience.Kind.MEMBERS, ids);
    }

    private List<Duration> durations(JsonNode parent, String key, List<Duration> dflt) {
        JsonNode n = parent.get(leaf(key));
        if (n == null || n.isNull()) {
            return dflt;
        }
        List<Duration> out = new ArrayList<>();
        for (JsonNode e : n.isArray() ? n : NODES.arrayNode().add(n)) {
            Duration d = parseDuration(e.asText());
            if (d == null) {
                problem(key, "expected durations such as [1d, 1h, 10m], got '" + e.asText() + "'");
            } else if (!out.contains(d)) {
                out.add(d);
            }
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    private Duration duration(JsonNode parent, String key, Duration dflt) {
        String v = text(parent, key, false, 40);
        if (v == null) {
            return dflt;
        }
        Duration d = parseDuration(v);
        if (d == null) {
            problem(key, "expected a duration such as 30m, 12h or 2d, got '" + v + "'");
            return dflt;
        }
        return d;
    }

    static Duration parseDuration(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d{1,5})\\s*([mhd])").matcher(v);
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            return d.isNegative() || d.isZero() ? null : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
