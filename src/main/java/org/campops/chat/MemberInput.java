package org.campops.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What members typed, made safe and checked before a handler sees it: control characters dropped (from Discord and
 * the console alike), channel and member mentions unwrapped to ids, and every option checked against its spec.
 */
final class MemberInput {
    /** A channel or member: Discord's numeric id, or in the console a name such as {@code mentors}. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private MemberInput() {}

    static ChatMessage withoutControls(ChatMessage m) {
        return new ChatMessage(
                m.messageId(),
                m.channelId(),
                m.authorId(),
                m.authorName(),
                m.authorRoles(),
                m.authorIsBot(),
                Texts.withoutControls(m.content()),
                m.at(),
                m.parentChannelId());
    }

    /** Member text enters here, from Discord and the console alike: control characters are dropped once. */
    static Invocation withoutControls(Invocation inv) {
        return new Invocation(inv.path(), inv.caller(), inv.channelId(), withoutControls(inv.options()), inv.locale());
    }

    static Map<String, String> withoutControls(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Texts.withoutControls(v)));
        return out;
    }

    /**
     * Discord sends channel and user options as ids; typed ones (the console) may be mentions, which are
     * unwrapped: {@code <#123>} and {@code #123} for channels, {@code <@123>}, {@code <@!123>} and
     * {@code @name} for members.
     */
    static Invocation idOptions(Invocation inv, CommandSpec leaf) {
        Map<String, String> options = new LinkedHashMap<>(inv.options());
        for (OptionSpec opt : leaf.options()) {
            String v = options.get(opt.name());
            if (v == null) {
                continue;
            }
            String s = v.strip();
            if (opt.type() == OptionType.CHANNEL) {
                options.put(opt.name(), s.replaceFirst("^<#(.*)>$", "$1").replaceFirst("^#", ""));
            } else if (opt.type() == OptionType.USER) {
                options.put(opt.name(), s.replaceFirst("^<@!?(.*)>$", "$1").replaceFirst("^@", ""));
            }
        }
        return new Invocation(inv.path(), inv.caller(), inv.channelId(), options, inv.locale());
    }

    /** The first problem with the options in the member's language (unknown, missing, too long, wrong type), or null. */
    static @Nullable String problem(Invocation inv, CommandSpec leaf) {
        for (String given : inv.options().keySet()) {
            if (leaf.options().stream().noneMatch(o -> o.name().equals(given))) {
                return inv.text("error.option.unknown", given);
            }
        }
        for (OptionSpec opt : leaf.options()) {
            Optional<String> value = inv.option(opt.name());
            if (value.isEmpty()) {
                if (opt.required()) {
                    return inv.text("error.option.missing", opt.name());
                }
                continue;
            }
            String v = value.get();
            if (opt.maxLength() > 0 && v.length() > opt.maxLength()) {
                return inv.text("error.option.tooLong", opt.name(), opt.maxLength(), v.length());
            }
            if (opt.type() == OptionType.INTEGER && !v.matches("-?\\d{1,18}")) {
                return inv.text("error.option.notNumber", opt.name(), v);
            }
            if (opt.type() == OptionType.BOOLEAN && !v.matches("(?i)true|false")) {
                return inv.text("error.option.notBoolean", opt.name(), v);
            }
            if ((opt.type() == OptionType.CHANNEL || opt.type() == OptionType.USER)
                    && !ID.matcher(v).matches()) {
                return inv.text(
                        opt.type() == OptionType.CHANNEL ? "error.option.notChannel" : "error.option.notUser",
                        opt.name(),
                        Texts.printable(v, 40));
            }
        }
        return null;
    }
}
