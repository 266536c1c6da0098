package org.campops.chat;

/** One autocomplete suggestion: what the member sees and the value the option gets. */
public record Choice(String label, String value) {}
