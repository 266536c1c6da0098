package org.campops.chat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/** The Korean and English message bundles ({@code i18n/messages_ko|en.properties}). */
public final class Messages {
    public static final Locale KOREAN = Locale.KOREAN;
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    /** Maps a Discord or user locale tag ("ko", "en-US", ...) to a supported one, else the default. */
    public static Locale supported(String tag, Locale fallback) {
        if (tag == null || tag.isBlank()) {
            return fallback;
        }
        String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        if (lang.equals("ko")) {
            return KOREAN;
        }
        if (lang.equals("en")) {
            return ENGLISH;
        }
        return fallback;
    }

    public static String get(Locale locale, String key, @Nullable Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "i18n.messages", KOREAN.getLanguage().equals(locale.getLanguage()) ? KOREAN : ENGLISH, NO_FALLBACK);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
