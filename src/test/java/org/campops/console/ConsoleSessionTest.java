package org.campops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.app.CampOps;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console mode drives the same router: forms, buttons, thread messages and message actions included.
 * Hostile lines get a clear reply, never end the session, and store nothing.
 */
class ConsoleSessionTest {
    private static final Pattern NEW_THREAD = Pattern.compile("\\[new thread (\\d+) in ");
    private static final Pattern SAID = Pattern.compile("\\(message (\\d+) written in ");
    private static final String REFUSED_ID =
            "This button or form is not valid any more. Run the command again to get a new one.";

    @TempDir
    Path dir;

    /** One console process on a database: type lines, read what was printed, look at the rows. */
    private static final class Console implements AutoCloseable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CampOps app;
        private final ConsoleSession session;
        private int read;
        private boolean ended;

        Console(String dbUrl) {
            var config = TestConfig.load();
            ConsoleOutput out = new ConsoleOutput(
                    new PrintStream(bytes, true, StandardCharsets.UTF_8),
                    config.camp().zone(),
                    Clock.systemUTC());
            app = new CampOps(config, dbUrl, out, Clock.systemUTC());
            app.startScheduler();
            session = new ConsoleSession(app.router(), out, Role.CAMPER, Messages.ENGLISH, false, Clock.systemUTC());
        }

        /** Feeds lines as a script on standard input would; returns what they printed. */
        String type(String... lines) throws Exception {
            session.run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")));
            // Posts go out through the outbox, after the commands that caused them: wait until they are out.
            assertThat(app.dispatcher().drain(java.time.Duration.ofSeconds(20)))
                    .as("outbox drained")
                    .isZero();
            String all = bytes.toString(StandardCharsets.UTF_8);
            String fresh = all.substring(read);
            read = all.length();
            return fresh;
        }

        /** Like {@link #type} but one line, reporting whether the session went on. */
        boolean goesOnAfter(String line) {
            ended = !session.handle(line);
            return !ended;
        }

        List<String> rows(String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            try (Connection c = app.database().dataSource().getConnection();
                    ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }

        /** Rows in every table a command can write: nothing half-stored means all zero. */
        List<String> counts() throws SQLException {
            List<String> out = new ArrayList<>();
            for (String table :
                    List.of("reminder", "question", "question_draft", "answer", "office_hour", "office_hour_rsvp")) {
                out.add(table + "=" + rows("SELECT COUNT(*) FROM " + table).get(0));
            }
            return out;
        }

        @Override
        public void close() {
            app.close();
        }
    }

    private Console console() {
        return new Console(TestConfig.memoryDb());
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in\n" + text).isTrue();
        return m.group(1);
    }

    private static final List<String> NOTHING =
            List.of("reminder=0", "question=0", "question_draft=0", "answer=0", "office_hour=0", "office_hour_rsvp=0");

    /** What no hostile line may ever print. */
    private static void assertNoCrash(String out) {
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat org.").doesNotContain("Something went wrong");
    }

    @Test
    @Timeout(60)
    void teamsAndMentoringCanBeTriedWithNamedMembers() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/as organizer",
                    "/team create name:CV-03 mentor:@kim",
                    "/team add team:CV-03 member:@minji",
                    "/team add team:CV-03 member:@jisoo",
                    "/team create name:CV-04 mentor:@lee",
                    "/team add team:CV-04 member:@sora",
                    "/as mentor kim",
                    "/mentoring set team:CV-03 day:wed time:20:00 link:https://zoom.us/j/424242",
                    "/mentoring topic team:CV-03 text:\"Augmentation review\"",
                    "/as mentor lee",
                    "/mentoring set team:CV-03 day:wed time:20:00 link:https://zoom.us/j/999",
                    "/as camper sora",
                    "/mentoring next team:CV-03",
                    "/team show team:CV-03",
                    "/as camper minji",
                    "/mentoring next");
            assertThat(out).contains("[new private channel").contains("team-cv-03");
            assertThat(out).contains("Weekly mentoring for **CV-03**: every Wednesday at 20:00");
            assertThat(out).contains("You can only manage the mentoring of teams you mentor.");
            assertThat(out).contains("You can only see your own team's details.");
            String minji = out.substring(out.lastIndexOf("> /mentoring next"));
            assertThat(minji).contains("https://zoom.us/j/424242").contains("Augmentation review");
            assertThat(out.substring(out.indexOf("> /as camper sora"), out.indexOf("> /as camper minji")))
                    .doesNotContain("zoom.us/j/424242");
            assertThat(c.rows("SELECT COUNT(*) FROM team_member")).containsExactly("3");
            assertThat(c.rows("SELECT link FROM mentoring_series")).containsExactly("https://zoom.us/j/424242");
        }
    }

    @Test
    void aWholeQuestionCanBeAskedAnsweredAndAcceptedFromTheConsole() throws Exception {
        try (Console c = console()) {
            String asked = c.type(
                    "/ask", "/submit qa:ask:-1:0 title:\"FPN feature map size mismatch\" details:\"input 600x1000\"");
            String thread = first(NEW_THREAD, asked);
            assertThat(thread).matches("\\d{17,20}");
            String said = c.type(
                    "/say in:" + thread + " text:\"same here\"",
                    "/as mentor",
                    "/say in:" + thread + " text:\"resize inputs to a multiple of 32\"");
            Matcher m = SAID.matcher(said);
            List<String> messages = new ArrayList<>();
            while (m.find()) {
                messages.add(m.group(1));
            }
            assertThat(messages).hasSize(2).allSatisfy(id -> assertThat(id).matches("\\d{17,20}"));
            String out = c.type(
                    "/app name:\"Mark as answer\" in:" + thread + " message:" + messages.get(1),
                    "/qa search query:\"multiple of 32\"",
                    "/as someone",
                    "/nonsense",
                    "/qa search query:feature map size",
                    "help");
            assertThat(asked).contains("[form] Ask a question").contains("Your question #1 is posted");
            assertThat(said).contains("(message " + messages.get(0) + " written in #" + thread + ")");
            assertThat(out)
                    .contains("[tags of thread " + thread + " → [answered]]")
                    .contains("accepted answer of question #1")
                    .contains("1. 🏅 FPN feature map size mismatch")
                    .contains("Type /as camper, /as mentor or /as organizer, optionally")
                    .contains("I don't know /nonsense")
                    .contains("'map' needs a name")
                    .contains("Type: /qa search query:\"feature map size\"")
                    .contains("Commands start with '/'");
        }
    }

    @Test
    void buttonsArePressedByTheirIds() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/as organizer",
                    "/officehours schedule title:\"DETR paper reading\" start:\"in 2h\"",
                    "/press oh:rsvp:1",
                    "/press oh:rsvp:1",
                    "/press nothing-here");
            assertThat(out)
                    .contains("[button: ✋ 참석할게요 (0)] → /press oh:rsvp:1")
                    .contains("You're attending **DETR paper reading**")
                    .contains("You're no longer attending")
                    .contains(REFUSED_ID);
        }
    }

    // ------------------------------------------------------------------ hostile input

    @Test
    void aTimestampNoClientCanShowIsLeftAsTypedAndTheSessionGoesOn() throws Exception {
        try (Console c = console()) {
            assertThat(c.goesOnAfter("/help <t:99999999999999999999:F>")).isTrue();
            String out = c.type(
                    "/help <t:99999999999999999999:F>",
                    "/remind set when:\"in 1h\" text:\"deadline <t:99999999999999999999:F> or <t:1e9:R>\"",
                    "/remind list",
                    "/qa search query:\"<t:-99999999999999999999:R>\"",
                    "/help");
            assertNoCrash(out);
            assertThat(out)
                    .contains("> /help <t:99999999999999999999:F>")
                    .contains("There is no option '<t'")
                    .contains("deadline <t:99999999999999999999:F> or <t:1e9:R>")
                    .contains("Nothing found for '<t:-99999999999999999999:R>'")
                    .contains("/remind set when:<when> text:<text>");
            assertThat(c.rows("SELECT text FROM reminder"))
                    .containsExactly("deadline <t:99999999999999999999:F> or <t:1e9:R>");
        }
    }

    @Test
    @Timeout(30)
    void waitsOutsideOneSecondToOneHourAreRefusedWithTheRange() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/wait -1m",
                    "/wait 99999999h",
                    "/wait 99999999999999999999999h",
                    "/wait 0s",
                    "/wait 61m",
                    "/wait soon",
                    "/wait",
                    "/lang ko",
                    "/wait -1m",
                    "/help");
            assertNoCrash(out);
            for (String typed : List.of("-1m", "99999999h", "99999999999999999999999h", "0s", "61m", "soon", "")) {
                assertThat(out)
                        .contains("/wait takes a time from 1s to 1h, e.g. /wait 70s, /wait 2m or /wait 1h (you typed '"
                                + typed + "').");
            }
            assertThat(out).contains("/wait 은 1s 부터 1h 까지 기다릴 수 있어요").contains("/remind set when:<when> text:<text>");
        }
    }

    @Test
    void forgedButtonAndFormIdsAreRefusedAndChangeNothing() throws Exception {
        try (Console c = console()) {
            c.type("/as organizer", "/officehours schedule title:\"DETR paper reading\" start:\"in 2h\"", "/as camper");
            List<String> forged = List.of(
                    "/press qa:resolve",
                    "/press oh:rsvp",
                    "/submit qa:ask title:x",
                    "/press qa:resolve:abc",
                    "/press qa:resolve:",
                    "/press oh:rsvp:1:1",
                    "/press oh:rsvp:99999999999999999999",
                    "/press oh:rsvp:+1",
                    "/press oh:dance:1",
                    "/press qa:duppost:x",
                    "/press qa:dupok",
                    "/press oh:confirm",
                    "/press oh:discard:1e3",
                    "/submit qa:ask:-1:7 title:x",
                    "/submit qa:ask:x:0 title:x",
                    "/submit qa:ask:-1:0:1 title:x",
                    "/submit qa:nope:1 title:x",
                    "/press :",
                    "/press ::::",
                    "/press \"qa:resolve:1",
                    "/press zz:resolve:1",
                    "/press qa:resolve:" + "1".repeat(10_000));
            String out = c.type(forged.toArray(String[]::new));
            assertNoCrash(out);
            assertThat(out.split(Pattern.quote(REFUSED_ID), -1)).hasSize(forged.size() + 1);
            assertThat(c.counts())
                    .containsExactly(
                            "reminder=0",
                            "question=0",
                            "question_draft=0",
                            "answer=0",
                            "office_hour=1",
                            "office_hour_rsvp=0");
            assertThat(c.type("/lang ko", "/press qa:resolve")).contains("더 이상 쓸 수 없는 버튼이나 입력 창이에요");
        }
    }

    @Test
    void twoConsoleSessionsOnOneDatabaseNeverReuseIds() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("campops").toAbsolutePath();
        String firstThread;
        try (Console first = new Console(db)) {
            String out = first.type("/ask title:\"CUDA out of memory on a T4\"");
            assertThat(out).contains("Your question #1 is posted");
            firstThread = first(NEW_THREAD, out);
            assertThat(first.type("/say in:" + firstThread + " text:\"same here\""))
                    .contains("written in #" + firstThread);
        }
        try (Console second = new Console(db)) {
            String out = second.type("/ask title:\"How do I read the COCO mAP table?\"");
            assertNoCrash(out);
            assertThat(out).contains("Your question #2 is posted");
            String secondThread = first(NEW_THREAD, out);
            assertThat(secondThread).isNotEqualTo(firstThread);
            second.type(
                    "/say in:" + secondThread + " text:\"me too\"", "/say in:" + firstThread + " text:\"still stuck\"");
            assertThat(second.rows("SELECT thread_id FROM question ORDER BY id"))
                    .containsExactly(firstThread, secondThread);
            assertThat(second.rows("SELECT COUNT(DISTINCT message_id) FROM answer"))
                    .containsExactly("3");
            assertThat(second.rows("SELECT text FROM answer ORDER BY id"))
                    .containsExactly("same here", "me too", "still stuck");
        }
    }

    @Test
    void textMadeOnlyOfInvisibleCharactersIsRefusedLikeEmptyText() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/ask title:\"\u200b\u200c\u200d\"",
                    "/ask title:\"\u2060\ufeff\" details:\"real details\"",
                    "/submit qa:ask:-1:0 title:\"\u200b \u3164\" details:x",
                    "/remind set when:\"in 1h\" text:\"\u200b\u200c\u200d\u2060\ufeff\"",
                    "/remind set when:\"in 1h\" text:\"\u202e\u2066\u200f\u0007\"",
                    "/say in:1 text:\"\u200b\"",
                    "/as organizer",
                    "/officehours schedule title:\"\u202a\u202c\u00ad\" start:\"in 3h\"");
            assertNoCrash(out);
            assertThat(out.split(Pattern.quote("The question title is empty."), -1))
                    .hasSize(4);
            assertThat(out.split(Pattern.quote("The reminder text is empty."), -1))
                    .hasSize(3);
            assertThat(out)
                    .contains("The title is empty. Example: `/officehours schedule title:")
                    .contains("Type /say in:THREAD-ID text:\"your message\"");
            assertThat(c.counts()).isEqualTo(NOTHING);

            // Invisible optional text is left out, as if not given.
            String ok = c.type(
                    "/officehours schedule title:\"Mask R-CNN walkthrough\" start:\"in 3h\" where:\"\u200b\" "
                            + "description:\"\u2060\"",
                    "/ask title:\"Where is the slide deck?\" details:\"\ufeff\u200b\"");
            assertThat(ok).contains("Your question #1 is posted").contains("Office hour #1 is scheduled");
            assertThat(
                            c.rows(
                                    "SELECT COALESCE(location, 'none') || ' ' || COALESCE(description, 'none') FROM office_hour"))
                    .containsExactly("none none");
            assertThat(c.rows("SELECT COALESCE(details, 'none') FROM question")).containsExactly("none");
        }
    }

    @Test
    void otherHostileLinesGetAClearReplyAndStoreNothing() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/ask title:\"unbalanced",
                    "/ask title:\"a\"b\"c\" details:x\"",
                    "/ask title:" + "x".repeat(5_000),
                    "/remind set when:\"in 1h\" text:" + "y".repeat(3_000),
                    "/remind set when:\"in 1h\" when:\"in 2h\" text:x",
                    "/remind set when:\"in 1h\" text:x color:red",
                    "/" + "z".repeat(10_000),
                    "/help " + "a:b ".repeat(2_500),
                    "/remind set when:\"in 1h\" text:x channel:\"" + "c".repeat(100) + "\"",
                    "/remind set when:\"in 1h\" text:x channel:\"#general chat\"",
                    "/submit qa:ask:-1:0 title:\"ok title\" details:\"" + "d".repeat(20_000) + "\"",
                    "/submit qa:ask:-1:0 title:x title:y",
                    "/qa search query:\"title:foo~ [a TO b] {x} ^2 /re/ * AND\"",
                    "/as organizer",
                    "/officehours schedule title:x start:\"in 2h\" host:\"" + "h".repeat(40) + "\"",
                    "/officehours schedule title:x start:\"in 2h\" host:\"<@x> and more\"",
                    "/officehours schedule title:x start:\"in 2h\" duration:999999999999999999",
                    "/officehours schedule title:x start:\"in 99999999999h\"",
                    "/app name:\"\" in:x message:y",
                    "/app name:\"Mark as answer\" in:\"\u200b\" message:y",
                    "/",
                    "/\"",
                    "/ask :x");
            assertNoCrash(out);
            assertThat(out)
                    .contains("a double quote is not closed")
                    .contains("'title' can be at most 150 characters (you typed 5000)")
                    .contains("'text' can be at most 1500 characters (you typed 3000)")
                    .contains("option 'when' is given twice")
                    .contains("There is no option 'color'")
                    .contains("I don't know /zzzz")
                    .contains("option 'a' is given twice")
                    .contains("'channel' takes a channel: its id")
                    .contains("not '" + "c".repeat(40) + "…(100 chars)'")
                    .contains("not 'general chat'")
                    .contains("The details can be at most 1500 characters (yours have 20000)")
                    .contains("option 'title' is given twice")
                    .contains("'host' takes a member: their id")
                    .contains("not '@x and more'")
                    .contains("The duration must be 10 to 240 minutes")
                    .contains("is too far ahead")
                    .contains("no command name")
                    .contains("an option value ':x' has no name");
            assertThat(out.split(
                            Pattern.quote("Type /app name:\"Mark as answer\" in:THREAD-ID message:MESSAGE-ID"), -1))
                    .hasSize(3);
            assertThat(c.counts()).isEqualTo(NOTHING);
        }
    }

    @Test
    void nulBytesAndTerminalEscapesAreDroppedWhileEmojiAndRightToLeftTextAreKept() throws Exception {
        try (Console c = console()) {
            String out = c.type(
                    "/ask title:\"nul\u0000 byte\u001b[2J title\"",
                    "/remind\u0000 set when:\"in 1h\" text:\"a\u0000b\u0007c\"",
                    "/ask title:\"🙂🚀 emoji only 🫠\"",
                    "/ask title:\"مرحبا كيف حالك\"",
                    "/ask title:\"שלום \u202eevil\u202c text\"",
                    "/remind set when:\"in 1h\" text:\"" + "x".repeat(78) + "🙂🙂\"",
                    "/remind list",
                    "/as organizer",
                    "/officehours schedule title:x start:\"in 2h\" host:\"<@123456789012345678>\" where:\"<#"
                            + "9".repeat(40) + ">\"");
            assertNoCrash(out);
            assertThat(out)
                    .doesNotContain("\u0000")
                    .doesNotContain("\u001b")
                    .doesNotContain("\u0007")
                    .contains("**nul byte[2J title**")
                    .contains("x".repeat(78) + "…")
                    .doesNotContain("?…");
            assertThat(c.rows("SELECT title FROM question ORDER BY id"))
                    .containsExactly(
                            "nul byte[2J title", "🙂🚀 emoji only 🫠", "مرحبا كيف حالك", "שלום \u202eevil\u202c text");
            assertThat(c.rows("SELECT text FROM reminder ORDER BY id")).containsExactly("abc", "x".repeat(78) + "🙂🙂");
            assertThat(c.rows("SELECT host_id || ' ' || location FROM office_hour"))
                    .containsExactly("123456789012345678 <#" + "9".repeat(40) + ">");
        }
    }
}
