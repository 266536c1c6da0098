package org.campops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static Properties load(String lang) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(
                MessagesTest.class.getResourceAsStream("/i18n/messages_" + lang + ".properties"),
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
        assertThat(Messages.get(Messages.supported("ko", Messages.ENGLISH), "role.mentor"))
                .isEqualTo("멘토");
        assertThat(Messages.get(Messages.supported("en-US", Messages.KOREAN), "role.mentor"))
                .isEqualTo("mentor");
        assertThat(Messages.get(Messages.supported("fr", Messages.KOREAN), "role.mentor"))
                .isEqualTo("멘토");
        assertThat(Messages.get(Messages.ENGLISH, "error.unknownCommand", "/x")).contains("don't");
    }

    @Test
    void everyTextKeepsItsApostrophes() throws Exception {
        for (String file : java.util.List.of("/i18n/messages_en.properties", "/i18n/messages_ko.properties")) {
            java.util.Properties raw = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(
                    MessagesTest.class.getResourceAsStream(file), java.nio.charset.StandardCharsets.UTF_8)) {
                raw.load(in);
            }
            java.util.Locale locale = file.contains("_ko") ? Messages.KOREAN : Messages.ENGLISH;
            for (String key : raw.stringPropertyNames()) {
                String text = raw.getProperty(key);
                org.assertj.core.api.Assertions.assertThat(text.replace("''", ""))
                        .as(file + " " + key + ": write ' as ''")
                        .doesNotContain("'");
                // Every pattern must compile (a bad one fails only when a member triggers it).
                org.assertj.core.api.Assertions.assertThatCode(() -> new java.text.MessageFormat(text, locale))
                        .as(file + " " + key)
                        .doesNotThrowAnyException();
                if (!text.contains("{")) {
                    // MessageFormat drops a single quote: every apostrophe is written '' in the bundles.
                    org.assertj.core.api.Assertions.assertThat(Messages.get(locale, key))
                            .as(file + " " + key)
                            .isEqualTo(text.replace("''", "'"));
                }
            }
        }
    }
}
