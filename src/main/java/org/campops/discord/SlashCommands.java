package org.campops.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.campops.chat.CommandSpec;
import org.campops.chat.MessageActionSpec;
import org.campops.chat.Messages;
import org.campops.chat.OptionSpec;

/** Turns {@link CommandSpec}s into Discord slash commands, English by default with Korean localizations. */
final class SlashCommands {
    /** Discord's limit for command and option descriptions. */
    private static final int MAX_DESCRIPTION = 100;

    private SlashCommands() {}

    static List<CommandData> of(List<CommandSpec> specs, List<MessageActionSpec> actions) {
        List<CommandData> out = new ArrayList<>();
        for (MessageActionSpec a : actions) {
            out.add(Commands.message(a.name())
                    .setNameLocalization(DiscordLocale.KOREAN, ko("action." + a.key() + ".name"))
                    .setContexts(InteractionContextType.GUILD));
        }
        for (CommandSpec spec : specs) {
            String key = "cmd." + spec.name();
            SlashCommandData data = Commands.slash(spec.name(), en(key + ".desc"))
                    .setDescriptionLocalization(DiscordLocale.KOREAN, ko(key + ".desc"))
                    .setContexts(InteractionContextType.GUILD);
            if (spec.subcommands().isEmpty()) {
                data.addOptions(options(key, spec.options()));
            } else {
                for (CommandSpec sub : spec.subcommands()) {
                    String subKey = key + "." + sub.name();
                    data.addSubcommands(new SubcommandData(sub.name(), en(subKey + ".desc"))
                            .setDescriptionLocalization(DiscordLocale.KOREAN, ko(subKey + ".desc"))
                            .addOptions(options(subKey, sub.options())));
                }
            }
            out.add(data);
        }
        return out;
    }

    private static List<OptionData> options(String key, List<OptionSpec> specs) {
        List<OptionData> out = new ArrayList<>();
        for (OptionSpec o : specs) {
            OptionData d = new OptionData(
                            type(o), o.name(), en(key + ".opt." + o.name()), o.required(), o.autocomplete())
                    .setDescriptionLocalization(DiscordLocale.KOREAN, ko(key + ".opt." + o.name()));
            if (o.type() == org.campops.chat.OptionType.STRING && o.maxLength() > 0) {
                d.setMaxLength(Math.min(o.maxLength(), OptionData.MAX_STRING_OPTION_LENGTH));
            }
            out.add(d);
        }
        return out;
    }

    private static OptionType type(OptionSpec o) {
        return switch (o.type()) {
            case STRING -> OptionType.STRING;
            case INTEGER -> OptionType.INTEGER;
            case BOOLEAN -> OptionType.BOOLEAN;
            case CHANNEL -> OptionType.CHANNEL;
            case USER -> OptionType.USER;
        };
    }

    private static String en(String key) {
        return clip(Messages.get(Messages.ENGLISH, key));
    }

    private static String ko(String key) {
        return clip(Messages.get(Messages.KOREAN, key));
    }

    private static String clip(String s) {
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "…";
    }
}
