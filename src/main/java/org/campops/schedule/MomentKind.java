package org.campops.schedule;

/**
 * What kind of moment of a row it is ("due", "remind-PT1H", "mentor"): each feature has one kind type
 * that formats its kinds and parses the stored ones. The text names the Quartz trigger, so it never changes.
 */
public interface MomentKind {
    /** The stored text (the trigger's name). */
    String text();
}
