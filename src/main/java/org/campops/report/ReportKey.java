package org.campops.report;

import java.util.List;
import java.util.Optional;
import org.campops.delivery.DeliveryKey;
import org.campops.program.ProgramKey;

/**
 * The keys of the weekly report: the program moment {@code report:<week>} (e.g. {@code report:2026-W49}) and its one
 * post to the organizers' channel {@code report:<week>:channel:<channel id>}; formatted and parsed only here.
 */
public record ReportKey(ReportWeek week) implements ProgramKey {
    public static final String NAME = "report";

    @Override
    public String text() {
        return DeliveryKey.join(NAME, week);
    }

    /** The report's post to a channel. */
    public DeliveryKey to(String channelId) {
        String text = DeliveryKey.join(text(), "channel", channelId);
        return () -> text;
    }

    /** The key of a stored moment's text; empty when it is not a report's. */
    public static Optional<ReportKey> parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() != 2 || !p.get(0).equals(NAME)) {
            return Optional.empty();
        }
        return ReportWeek.parse(p.get(1))
                .filter(w -> w.toString().equals(p.get(1)))
                .map(ReportKey::new);
    }
}
