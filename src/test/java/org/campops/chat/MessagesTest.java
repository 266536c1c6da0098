package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String lang) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/i18n/messages_" + lang + ".properties"),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void koreanAndEnglishHaveTheSameKeys() throws Exception {
        assertThat(load("ko").keySet()).isEqualTo(load("en").keySet());
    }

    @Test
    void localePicksTheBundle() {
        assertThat(Messages.get(Messages.supported("ko", Messages.ENGLISH), "role.mentor")).isEqualTo("멘토");
        assertThat(Messages.get(Messages.supported("en-US", Messages.KOREAN), "role.mentor")).isEqualTo("mentor");
        assertThat(Messages.get(Messages.supported("fr", Messages.KOREAN), "role.mentor")).isEqualTo("멘토");
        assertThat(Messages.get(Messages.ENGLISH, "error.unknownCommand", "/x")).contains("don't");
    }
}
