package org.campops.report;

import java.util.Optional;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.OptionSpec;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.UserError;

/** {@code /report week [week:]} (organizers): this week's or an earlier week's report, only to the caller. */
public final class ReportCommands {
    private final Reports reports;

    public ReportCommands(Reports reports) {
        this.reports = reports;
    }

    public CommandSpec spec() {
        return CommandSpec.group(
                "report", CommandSpec.leaf("week", Role.ORGANIZER, this::week, OptionSpec.text("week", false, 10)));
    }

    private Reply week(Invocation inv) {
        ReportWeek now = reports.figures().thisWeek();
        Optional<String> typed = inv.option("week");
        ReportWeek week = typed.isEmpty()
                ? now
                : ReportWeek.parse(typed.get())
                        .orElseThrow(() -> new UserError("report.week.bad", typed.get(), now.toString()));
        if (week.compareTo(now) > 0) {
            throw new UserError("report.week.future", week.toString(), now.toString());
        }
        return reports.message(week, inv.locale(), true);
    }
}
