package org.campops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.campops.app.CampOps;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** Console mode drives the same router: forms, buttons, thread messages and message actions included. */
class ConsoleSessionTest {

    private static String run(String script) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var config = TestConfig.load();
        ConsoleOutput out = new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), config.camp().zone(), Clock.systemUTC());
        try (CampOps app = new CampOps(config, TestConfig.memoryDb(), out, Clock.systemUTC())) {
            app.startScheduler();
            new ConsoleSession(app.router(), out, Role.CAMPER, Messages.ENGLISH, false, Clock.systemUTC())
                    .run(new BufferedReader(new StringReader(script)));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeQuestionCanBeAskedAnsweredAndAcceptedFromTheConsole() throws Exception {
        String out = run(String.join("\n",
                "/ask",
                "/submit qa:ask:-1:0 title:\"FPN feature map size mismatch\" details:\"input 600x1000\"",
                "/say in:t1 text:\"same here\"",
                "/as mentor",
                "/say in:t1 text:\"resize inputs to a multiple of 32\"",
                "/app name:\"Mark as answer\" in:t1 message:msg2",
                "/qa search query:\"multiple of 32\"",
                "/as someone",
                "/nonsense",
                "help",
                ""));
        assertThat(out).contains("[form] Ask a question")
                .contains("[new thread t1")
                .contains("Your question #1 is posted")
                .contains("(message msg1 written in #t1)")
                .contains("[tags of thread t1 → [answered]]")
                .contains("accepted answer of question #1")
                .contains("1. 🏅 FPN feature map size mismatch")
                .contains("Type /as camper, /as mentor or /as organizer.")
                .contains("I don't know /nonsense")
                .contains("Commands start with '/'");
    }

    @Test
    void buttonsArePressedByTheirIds() throws Exception {
        String out = run(String.join("\n",
                "/as organizer",
                "/officehours schedule title:\"DETR paper reading\" start:\"in 2h\"",
                "/press oh:rsvp:1",
                "/press oh:rsvp:1",
                "/press nothing-here",
                ""));
        assertThat(out).contains("[button: ✋ 참석할게요 (0)] → /press oh:rsvp:1")
                .contains("You're attending **DETR paper reading**")
                .contains("You're no longer attending")
                .contains("This button no longer works");
    }
}
