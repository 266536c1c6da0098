package org.campops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.campops.app.CampOps;
import org.campops.chat.Messages;
import org.campops.chat.Role;
import org.campops.config.CampConfig;
import org.campops.config.ConfigLoader;
import org.campops.console.ConsoleOutput;
import org.campops.console.ConsoleSession;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** The console with the shipped example config and no token keeps working; /doctor there says where it works. */
class DoctorConsoleTest {
    @Test
    void theConsoleRunsTheExampleConfigAndDoctorPointsToTheServer() throws Exception {
        CampConfig config = ConfigLoader.load(Path.of("config/campops.yaml"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleOutput out = new ConsoleOutput(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                config.camp().zone(),
                Clock.systemUTC());
        try (CampOps app = new CampOps(config, TestConfig.memoryDb(), out, Clock.systemUTC())) {
            ConsoleSession session =
                    new ConsoleSession(app.router(), out, Role.ORGANIZER, Messages.ENGLISH, false, Clock.systemUTC());
            session.run(new BufferedReader(new StringReader("/doctor\n/help\n")));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("The checks need the Discord connection; on the server, run `campops doctor`.")
                .contains("/doctor");
    }
}
