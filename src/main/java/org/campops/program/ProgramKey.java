package org.campops.program;

/**
 * The key of a program moment ({@code program_moment.moment_key}): it starts with its part's name and stays
 * the same when the file is edited. Each part has one key type that formats its keys and parses the stored
 * ones (e.g. {@code discussion.PromptKey}); the delivery keys of its posts are made from it.
 */
public interface ProgramKey {
    /** The stored text, e.g. {@code prompt:trash-detection:2026-11-16}. */
    String text();
}
