package org.campops.wrapup;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campops.chat.Messages;
import org.campops.chat.Texts;
import org.campops.config.Program;
import org.jspecify.annotations.Nullable;

/** The wrap-up digests (mentors' DMs) and the late report (organizers' channel), in the camp's language. */
final class WrapupPosts {
    private final Locale locale;

    WrapupPosts(Locale locale) {
        this.locale = locale;
    }

    private String text(String key, @Nullable Object... args) {
        return Messages.get(locale, key, args);
    }

    /** A report link as shown in lists: defused, and in angle brackets so Discord shows no preview. */
    static String link(String reportLink) {
        return "<" + Texts.defuse(reportLink) + ">";
    }

    /** A mentor's open reviews of the competition, one line per camper. */
    String digest(Program.Competition comp, LocalDate due, List<Assignment> open) {
        StringBuilder sb =
                new StringBuilder(text("wrapup.digest.header", Texts.defuse(comp.name()), open.size(), due.toString()));
        for (Assignment a : open) {
            sb.append('\n')
                    .append(
                            a.submitted()
                                    ? text("wrapup.digest.submitted", Texts.mention(a.camperId()), link(a.reportLink()))
                                    : text("wrapup.digest.notSubmitted", Texts.mention(a.camperId())));
        }
        sb.append('\n').append(text("wrapup.digest.footer", comp.id()));
        return sb.toString();
    }

    /** The organizers' post when no review was ever assigned for the competition. */
    String noneAssigned(Program.Competition comp) {
        return text("wrapup.late.noneAssigned", Texts.defuse(comp.name()), comp.id());
    }

    /** The organizers' post the morning after the deadline: late mentors and how many reviews each still owes. */
    String late(Program.Competition comp, LocalDate due, Map<String, List<Assignment>> openByMentor) {
        if (openByMentor.isEmpty()) {
            return text("wrapup.late.none", Texts.defuse(comp.name()), due.toString());
        }
        int total = openByMentor.values().stream().mapToInt(List::size).sum();
        StringBuilder sb = new StringBuilder(
                text("wrapup.late.header", Texts.defuse(comp.name()), due.toString(), openByMentor.size(), total));
        openByMentor.entrySet().stream()
                .sorted((x, y) ->
                        Integer.compare(y.getValue().size(), x.getValue().size()))
                .forEach(e -> sb.append('\n')
                        .append(text(
                                "wrapup.late.item",
                                Texts.mention(e.getKey()),
                                e.getValue().size())));
        return sb.toString();
    }
}
