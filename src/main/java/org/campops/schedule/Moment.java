package org.campops.schedule;

import java.time.Instant;

/**
 * A scheduled moment of a row: feature ("reminder", "officehour"), the row's id, what kind of moment
 * ("due", "remind-PT1H", "agenda", "start") and when it is due. Its Quartz trigger is named after it
 * (group {@code feature-rowId}, name {@code kind}) and carries the due instant, so a fire can tell a
 * trigger planned for an earlier version of the row (moved, cancelled) and skip it. {@code kind} is the
 * stored text of a {@link MomentKind}: the feature's kind type parses it.
 */
public record Moment(String feature, long rowId, String kind, Instant due) {

    public Moment(String feature, long rowId, MomentKind kind, Instant due) {
        this(feature, rowId, kind.text(), due);
    }

    public String group() {
        return feature + "-" + rowId;
    }
}
