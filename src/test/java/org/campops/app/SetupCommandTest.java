package org.campops.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code campops setup}'s options as picocli reads them (the run itself: e2e.SetupEndToEndTest). */
class SetupCommandTest {

    @Test
    void optionsAndDefaults() {
        CommandLine cli = new CommandLine(new Main());
        CommandLine.ParseResult parsed = cli.parseArgs(
                "setup",
                "--yes",
                "--guild",
                "1190000000000000001",
                "--program",
                "p.yaml",
                "--invite-wait-seconds",
                "5");
        SetupCommand setup = (SetupCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(setup.yes).isTrue();
        assertThat(setup.guild).isEqualTo("1190000000000000001");
        assertThat(setup.program).isEqualTo(Path.of("p.yaml"));
        assertThat(setup.inviteWaitSeconds).isEqualTo(5);
        assertThat(setup.options.config).isEqualTo(Path.of("config/campops.yaml"));

        SetupCommand plain = (SetupCommand) new CommandLine(new Main())
                .parseArgs("setup")
                .subcommand()
                .commandSpec()
                .userObject();
        assertThat(plain.yes).isFalse();
        assertThat(plain.guild).isNull();
        assertThat(plain.program).isNull();
        assertThat(plain.inviteWaitSeconds).isEqualTo(600);
    }
}
