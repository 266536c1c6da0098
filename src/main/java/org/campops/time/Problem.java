package org.campops.time;

/** Why a time expression was refused; the caller turns it into a message for the user. */
public enum Problem {
    /** Nothing but whitespace was typed. */
    EMPTY,
    /** The text is not a time expression we know (including trailing junk). */
    UNRECOGNIZED,
    /** The text names a time or date that cannot exist, such as {@code 2026-02-30} or {@code 25:00}. */
    IMPOSSIBLE,
    /** A person could mean more than one moment, such as {@code 3시} (3am or 3pm?) or a day with no time. */
    AMBIGUOUS,
    /** The moment is not strictly after now. */
    PAST,
    /** The moment is further ahead than the parser allows. */
    TOO_FAR
}
