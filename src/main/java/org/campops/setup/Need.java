package org.campops.setup;

import java.util.List;
import java.util.Locale;
import org.campops.setup.SetupPort.ChannelType;
import org.jspecify.annotations.Nullable;

/**
 * One thing a camp needs on its server: a role or a channel, the names it may go by (Korean and English), the name
 * setup gives it when it creates it, who may see it, the id the config holds now and where the id is written.
 *
 * @param key what the plan calls it ({@code role camper}, {@code channel mentors}, {@code board cv-discussion})
 * @param file the config file the id goes to, and {@code path} its key there
 */
record Need(
        String key,
        Kind kind,
        List<String> names,
        String createName,
        Access access,
        @Nullable String configuredId,
        ConfigFile file,
        List<String> path) {

    /** What kind of thing it is, which decides which channel types count. */
    enum Kind {
        ROLE,
        /** A text (or announcement) channel. */
        TEXT,
        /** The Q&A channel: a forum, or else a text channel. */
        QA,
        CATEGORY,
        /** A discussion board: a forum or a text channel; created as a forum. */
        BOARD;

        boolean accepts(ChannelType type) {
            return switch (this) {
                case ROLE -> false;
                case TEXT -> type == ChannelType.TEXT || type == ChannelType.NEWS;
                case QA, BOARD -> type == ChannelType.FORUM || type == ChannelType.TEXT;
                case CATEGORY -> type == ChannelType.CATEGORY;
            };
        }

        /** The type a channel of this kind is created as. */
        ChannelType created() {
            return switch (this) {
                case TEXT -> ChannelType.TEXT;
                case QA, BOARD -> ChannelType.FORUM;
                case CATEGORY -> ChannelType.CATEGORY;
                case ROLE -> throw new IllegalStateException("a role is not a channel");
            };
        }
    }

    /** Who may see a created channel (besides the bot, which always may). */
    enum Access {
        EVERYONE,
        /** Everyone reads; organizers write. */
        ANNOUNCEMENTS,
        /** Mentors and organizers only. */
        MENTORS,
        /** Organizers only. */
        ORGANIZERS
    }

    /** The two files setup writes. */
    enum ConfigFile {
        CAMP,
        PROGRAM
    }

    /** Whether {@code name} is one of this need's names: case, spaces, dashes, emoji and other marks aside. */
    boolean matches(String name) {
        String n = normalized(name);
        return !n.isEmpty() && names.stream().anyMatch(x -> normalized(x).equals(n));
    }

    /** Letters and digits only, lower case: "🏕️ Campers", "campers" and "CAMPERS" read alike. */
    static String normalized(String name) {
        StringBuilder out = new StringBuilder();
        name.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
