package org.campops.chat;

/** The kinds of values a command option takes. */
public enum OptionType {
    STRING,
    INTEGER,
    BOOLEAN,
    CHANNEL,
    USER
}
