package org.campops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Discord timestamps in console output: shown in the camp's zone, or left as typed when no client could show them. */
class ConsoleOutputTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC);
    private final ConsoleOutput out = new ConsoleOutput(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), ZoneId.of("Asia/Seoul"), clock);

    @Test
    void timestampsAreShownInTheCampsZone() {
        assertThat(out.render("at <t:1772409600:F>")).isEqualTo("at 2026-03-02 (Mon) 09:00 KST");
        assertThat(out.render("<t:1772409600>")).isEqualTo("2026-03-02 (Mon) 09:00 KST");
        assertThat(out.render("<t:1772413200:R>")).isEqualTo("in 1h 0m");
        assertThat(out.render("<t:-1:R>")).endsWith(" ago");
    }

    @Test
    void hugeOrMalformedTimestampsStayAsTyped() {
        for (String typed : new String[] {
            "<t:99999999999999999999:F>",
            "<t:9223372036854775807:F>",
            "<t:-9223372036854775808:R>",
            "<t:8640000000001:F>",
            "<t:31556889864403200:F>",
            "<t:1:X>",
            "<t::F>",
            "<t:1e5:F>",
            "<t:12",
            "<t:" + "9".repeat(5000) + ">"
        }) {
            assertThat(out.render("see " + typed)).isEqualTo("see " + typed);
        }
    }

    @Test
    void theFarthestDateAClientShowsIsStillShown() {
        assertThat(out.render("<t:8640000000000:F>")).isEqualTo("+275760-09-13 (Sat) 09:00 KST");
        assertThat(out.render("<t:-8640000000000:F>")).startsWith("-271821-04-20");
        assertThat(out.render("<t:8640000000000:R>")).startsWith("in ");
    }

    @Test
    void privateChannelsAndAccessChangesArePrintedAndVisibilityIsUnknown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleOutput console =
                new ConsoleOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), ZoneId.of("Asia/Seoul"), clock);
        String id = console.createPrivateChannel(new org.campops.chat.Notifier.PrivateChannel(
                "team-1", "teams", java.util.List.of("alice", "bob"), java.util.List.of("organizers")));
        console.setMemberAccess(id, "carol", true);
        console.setMemberAccess(id, "alice", false);
        assertThat(id).matches("\\d{17,20}");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "[new private channel " + id
                                + " #team-1 in category teams: members alice, bob; roles organizers]",
                        "[access to #" + id + ": carol may view and write]",
                        "[access to #" + id + ": alice removed]");
        assertThat(console.visibleToEveryone(id)).isEmpty();
        assertThat(console.findPrivateChannel("team-1", "teams")).isEmpty();
    }
}
