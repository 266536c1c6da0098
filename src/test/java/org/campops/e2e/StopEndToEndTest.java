package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.campops.testing.Await;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.fakediscord.FakeDiscord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an orderly stop leaves behind: none of the bot's own threads. */
class StopEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The test starts the bot itself: it first notes the threads that were there before. */
    @RegisterExtension
    final BotExtension extension = BotExtension.builder().noBot().build();

    private static Set<Thread> alive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void stoppingTheBotEndsItsAutocompleteThread(Camp camp) throws Exception {
        Set<Thread> before = alive("campops-autocomplete");
        FakeDiscord fake = camp.fake();
        camp.start();
        JsonNode auto = fake.callbackFor(
                fake.sendAutocomplete(
                        CAMPER_ID, "en-US", GENERAL_CHANNEL, "ask", null, Map.of("topic", "seg"), "topic"),
                WAIT);
        assertThat(auto.path("data").path("choices").toString()).contains("Segmentation");
        Set<Thread> ours = alive("campops-autocomplete");
        ours.removeAll(before);
        assertThat(ours).as("the thread that answered").hasSize(1);
        camp.stop();
        Await.until(() -> ours.stream().noneMatch(Thread::isAlive), WAIT, () -> "the autocomplete thread to end");
    }
}
