package org.campops.setup;

import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions CampOps needs on a camp's server, with Discord's bit for each: the one list the invite URL is made
 * from (and the bot's overwrite in the channels setup creates).
 */
public enum BotPermission {
    /** Team channels (teams), and the channels setup creates. */
    MANAGE_CHANNELS(4),
    VIEW_CHANNEL(10),
    SEND_MESSAGES(11),
    EMBED_LINKS(14),
    /** Office hours' .ics files. */
    ATTACH_FILES(15),
    READ_MESSAGE_HISTORY(16),
    /** Who may see a team channel (its overwrites), and the roles setup creates. */
    MANAGE_ROLES(28),
    /** Office hours as scheduled events. */
    MANAGE_EVENTS(33),
    /** Q&A: the answered/unanswered tags on forum posts. */
    MANAGE_THREADS(34),
    /** Q&A threads and office-hour agendas. */
    CREATE_PUBLIC_THREADS(35),
    SEND_MESSAGES_IN_THREADS(38);

    private final int bit;

    BotPermission(int bit) {
        this.bit = bit;
    }

    public long value() {
        return 1L << bit;
    }

    static long sum(Set<BotPermission> permissions) {
        long sum = 0;
        for (BotPermission p : permissions) {
            sum |= p.value();
        }
        return sum;
    }

    /** Every permission above: what the invite URL asks for. */
    public static long all() {
        return sum(EnumSet.allOf(BotPermission.class));
    }

    /** What the bot needs in each channel it posts to (its member overwrite in the channels setup creates). */
    static long inChannel() {
        return sum(EnumSet.of(
                VIEW_CHANNEL,
                SEND_MESSAGES,
                EMBED_LINKS,
                ATTACH_FILES,
                READ_MESSAGE_HISTORY,
                MANAGE_THREADS,
                CREATE_PUBLIC_THREADS,
                SEND_MESSAGES_IN_THREADS));
    }

    /** What the members a private channel is for may do in it. */
    static long member() {
        return sum(EnumSet.of(VIEW_CHANNEL, SEND_MESSAGES, READ_MESSAGE_HISTORY, SEND_MESSAGES_IN_THREADS));
    }

    /** The invite URL: scopes bot and applications.commands, exactly these permissions. */
    public static String inviteUrl(String clientId) {
        return "https://discord.com/oauth2/authorize?client_id=" + clientId
                + "&scope=bot+applications.commands&permissions=" + all();
    }
}
