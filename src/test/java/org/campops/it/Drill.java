package org.campops.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.campops.testing.fakediscord.FakeDiscord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every single-process drill shares: a directory of its own under {@code target/crash-it/<test>-<time>} (config,
 * database, the runs' logs), a fake Discord, the packaged jar as a child process ({@link #bot}, closed after the test)
 * and, whatever the outcome, every request the fake saw in {@code requests.txt} beside the runs' logs.
 */
abstract class Drill {
    Path dir;
    FakeDiscord fake;

    @Nullable
    BotProcess bot;

    @BeforeEach
    void makeDirAndFake(TestInfo info) throws Exception {
        dir = Path.of(
                "target/crash-it", info.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis());
        Files.createDirectories(dir);
        fake = FakeDiscord.start();
    }

    @AfterEach
    void closeBotAndFake() throws Exception {
        try {
            if (bot != null) {
                bot.close();
            }
        } finally {
            writeRequests();
            fake.close();
        }
    }

    private void writeRequests() throws Exception {
        List<String> lines = new ArrayList<>();
        for (var r : fake.requests()) {
            lines.add(r.method() + " " + r.path());
        }
        Files.write(dir.resolve("requests.txt"), lines, StandardCharsets.UTF_8);
    }
}
