package org.campops.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Teams' keys keep the text rows already hold, and parse back. */
class TeamKeyTest {
    private static final UUID CHANGE = UUID.fromString("0b7e8c2a-5d1f-4c3e-9a2b-1f0e3d4c5b6a");

    @Test
    void formatsAndParsesTheStoredText() {
        assertThat(new TeamKey.Channel(1).text()).isEqualTo("team:" + 1 + ":channel");
        assertThat(new TeamKey.Access(1, "mentor-lee", true, CHANGE).text())
                .isEqualTo("team:1:access:mentor-lee:grant:" + CHANGE);
        assertThat(new TeamKey.Access(1, "mentor-kim", false, CHANGE).text())
                .isEqualTo("team:1:access:mentor-kim:revoke:" + CHANGE);
        for (TeamKey k : List.of(
                new TeamKey.Channel(4),
                new TeamKey.Access(1, "u", true, CHANGE),
                new TeamKey.Access(1, "u", false, CHANGE))) {
            assertThat(TeamKey.parse(k.text())).isEqualTo(k);
        }
    }

    @Test
    void refusesWhatIsNotOne() {
        for (String bad :
                List.of("team:1", "team:1:access:bob:1", "team:1:access:bob:maybe:" + CHANGE, "oh:1:announce")) {
            assertThatThrownBy(() -> TeamKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
