package org.campops.console;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/** Prints replies and every post the bot makes; Discord timestamps are shown in the camp's zone. */
public final class ConsoleOutput implements Notifier {
    private static final Pattern TIMESTAMP = Pattern.compile("<t:(-?\\d+)(?::([tTdDfFR]))?>");
    /** Discord clients show dates within JavaScript's range, ±8.64e15 ms; others stay as typed. */
    private static final long MAX_TIMESTAMP_SECONDS = 8_640_000_000_000L;

    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd (EEE) HH:mm z", Locale.ENGLISH);

    private final PrintStream out;
    private final ZoneId zone;
    private final Clock clock;
    private final SnowflakeIds ids;

    public ConsoleOutput(PrintStream out, ZoneId zone, Clock clock) {
        this.out = out;
        this.zone = zone;
        this.clock = clock;
        this.ids = new SnowflakeIds(clock);
    }

    /** A new id for something the console invents (a post, thread, message or event), Discord-shaped. */
    public String newId() {
        return ids.next();
    }

    @Override
    public void post(String channelId, String text, Set<String> mentionUserIds, String nonce) {
        print("[post → #" + channelId + "] " + text);
    }

    @Override
    public void dm(String userId, String text, String nonce) {
        print("[DM → " + userId + "] " + text);
    }

    @Override
    public String send(String channelId, Reply message, String nonce) {
        String id = newId();
        print("[post → #" + channelId + ", message " + id + "] " + message.text() + buttons(message));
        return id;
    }

    @Override
    public void edit(String channelId, String messageId, Reply message) {
        print("[edit → #" + channelId + ", message " + messageId + "] " + message.text() + buttons(message));
    }

    @Override
    public StartedThread startThread(
            String channelId, String title, Reply starter, List<String> tagNames, String nonce) {
        String id = newId();
        print("[new thread " + id + " in #" + channelId + (tagNames.isEmpty() ? "" : " " + tagNames) + "] " + title
                + "\n" + starter.text() + buttons(starter));
        return new StartedThread(id, channelId, id);
    }

    @Override
    public ChannelKind channelKind(String channelId) {
        // The console has no real channels: any name works.
        return ChannelKind.UNCHECKED;
    }

    @Override
    public boolean canWrite(String userId, String channelId) {
        return true;
    }

    @Override
    public String createEvent(EventDetails e) {
        String id = newId();
        print("[scheduled event " + id + "] " + e.name() + " · " + Texts.timestamp(e.start()) + " – "
                + Texts.timestamp(e.end())
                + (e.voiceChannelId() != null
                        ? " · voice #" + e.voiceChannelId()
                        : e.location() != null ? " · " + e.location() : ""));
        return id;
    }

    @Override
    public void updateEvent(String eventId, EventDetails e) {
        print("[scheduled event " + eventId + " moved] " + e.name() + " · " + Texts.timestamp(e.start()));
    }

    @Override
    public void cancelEvent(String eventId) {
        print("[scheduled event " + eventId + " cancelled]");
    }

    @Override
    public void setTags(String threadId, List<String> tagNames) {
        print("[tags of thread " + threadId + " → " + tagNames + "]");
    }

    @Override
    public String createPrivateChannel(PrivateChannel spec) {
        String id = newId();
        print("[new private channel " + id + " #" + spec.name()
                + (spec.categoryId() == null ? "" : " in category " + spec.categoryId())
                + ": members " + (spec.memberIds().isEmpty() ? "-" : String.join(", ", spec.memberIds()))
                + (spec.roleIds().isEmpty() ? "" : "; roles " + String.join(", ", spec.roleIds())) + "]");
        return id;
    }

    @Override
    public void setMemberAccess(String channelId, String userId, boolean allowed) {
        print("[access to #" + channelId + ": " + userId + (allowed ? " may view and write" : " removed") + "]");
    }

    /** The console has no real channels: whether one is public cannot be told (see {@link ChannelKind#UNCHECKED}). */
    @Override
    public java.util.Optional<Boolean> visibleToEveryone(String channelId) {
        return java.util.Optional.empty();
    }

    public void reply(Reply reply) {
        if (reply.modal() != null) {
            StringBuilder sb = new StringBuilder("[form] " + reply.modal().title() + ": fill it in with\n  /submit "
                    + reply.modal().id());
            for (Reply.Field f : reply.modal().fields()) {
                sb.append(' ').append(f.id()).append(":\"...\"");
            }
            sb.append("\n  fields: ");
            sb.append(String.join(
                    ", ",
                    reply.modal().fields().stream()
                            .map(f -> f.id() + " = " + f.label() + (f.required() ? " (required)" : ""))
                            .toList()));
            print(sb.toString());
            return;
        }
        String tag = reply.editsMessage()
                ? "[message updated] "
                : reply.ephemeral() ? "[reply, only you see it] " : "[reply] ";
        print(tag + reply.text() + buttons(reply));
    }

    private static String buttons(Reply r) {
        StringBuilder sb = new StringBuilder();
        for (Reply.Attachment a : r.attachments()) {
            sb.append("\n  [file: ")
                    .append(a.fileName())
                    .append(", ")
                    .append(a.content().length)
                    .append(" bytes]");
        }
        for (Reply.Button b : r.buttons()) {
            sb.append("\n  [button: ").append(b.label()).append("] → /press ").append(b.id());
        }
        return sb.toString();
    }

    public void info(String text) {
        print(text);
    }

    /** A prompt stays on the line the member types on. */
    public synchronized void prompt(String text) {
        out.print(text);
        out.flush();
    }

    public synchronized void print(String text) {
        out.println(render(text));
        out.flush();
    }

    /**
     * Replaces {@code <t:UNIX:F>}, {@code <t:UNIX:R>} (and the other styles) with readable times; a
     * timestamp no Discord client can show (out of range) is left as typed.
     */
    String render(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String shown = timestamp(m.group(1), m.group(2));
            m.appendReplacement(sb, Matcher.quoteReplacement(shown == null ? m.group() : shown));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll("<#([^>\\s]+)>", "#$1").replaceAll("<@!?([^&>\\s][^>\\s]*)>", "@$1");
    }

    private @Nullable String timestamp(String seconds, String style) {
        String digits = seconds.startsWith("-") ? seconds.substring(1) : seconds;
        if (digits.length() > 13) {
            return null;
        }
        long s = Long.parseLong(seconds);
        if (Math.abs(s) > MAX_TIMESTAMP_SECONDS) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(s);
        return "R".equals(style) ? relative(at) : FULL.format(at.atZone(zone));
    }

    private String relative(Instant at) {
        Duration d = Duration.between(clock.instant(), at);
        boolean past = d.isNegative();
        d = d.abs();
        String amount;
        if (d.toDays() > 0) {
            amount = d.toDays() + "d " + d.toHoursPart() + "h";
        } else if (d.toHours() > 0) {
            amount = d.toHours() + "h " + d.toMinutesPart() + "m";
        } else if (d.toMinutes() > 0) {
            amount = d.toMinutes() + "m " + d.toSecondsPart() + "s";
        } else {
            amount = d.toSeconds() + "s";
        }
        return past ? amount + " ago" : "in " + amount;
    }
}
