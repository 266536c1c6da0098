package org.campops.report;

import java.util.List;
import java.util.Locale;
import org.campops.chat.Reply;

/**
 * PLACEHOLDER until the charts branch (issue 18, rendering) is merged: that branch's {@code ReportCharts} replaces this
 * file. It draws the PNG charts of a week's figures; this stand-in draws none.
 */
public final class ReportCharts {
    private ReportCharts() {}

    public static List<Reply.Attachment> render(WeeklyFigures f, Locale locale) {
        return List.of();
    }
}
