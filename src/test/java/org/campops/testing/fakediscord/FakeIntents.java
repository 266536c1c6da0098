package org.campops.testing.fakediscord;

/**
 * The privileged gateway intents and the Developer Portal switches behind them: which ones the application may use
 * ({@code GET /applications/@me} answers them as flags) and the 4014 close Discord sends when IDENTIFY asks for one
 * that is off.
 */
final class FakeIntents {
    /** GUILD_MEMBERS (privileged: "Server Members Intent"). */
    static final long GUILD_MEMBERS = 1L << 1;
    /** GUILD_PRESENCES (privileged: "Presence Intent"). */
    static final long GUILD_PRESENCES = 1L << 8;
    /** MESSAGE_CONTENT (privileged: "Message Content Intent"). */
    static final long MESSAGE_CONTENT = 1L << 15;

    static final long PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;

    /** Application flags: the switches of a bot in fewer than 100 servers (the "_LIMITED" ones). */
    private static final long FLAG_PRESENCE_LIMITED = 1L << 13;

    private static final long FLAG_GUILD_MEMBERS_LIMITED = 1L << 15;
    private static final long FLAG_MESSAGE_CONTENT_LIMITED = 1L << 19;

    /** Close code of a refused privileged intent. */
    static final int DISALLOWED_INTENTS = 4014;

    private FakeIntents() {}

    /** The application's flags when the privileged intents in {@code refused} are switched off. */
    static long applicationFlags(long refused) {
        long flags = 0;
        if ((refused & GUILD_PRESENCES) == 0) {
            flags |= FLAG_PRESENCE_LIMITED;
        }
        if ((refused & GUILD_MEMBERS) == 0) {
            flags |= FLAG_GUILD_MEMBERS_LIMITED;
        }
        if ((refused & MESSAGE_CONTENT) == 0) {
            flags |= FLAG_MESSAGE_CONTENT_LIMITED;
        }
        return flags;
    }

    /** Whether IDENTIFY with {@code intents} asks for a privileged intent that is switched off. */
    static boolean refuses(long intents, long refused) {
        return (intents & refused & PRIVILEGED) != 0;
    }
}
