package org.campops.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Where an H2 file database lives on disk, read off its JDBC URL (for the files kept beside it). */
final class H2File {
    private H2File() {}

    /**
     * The database's path without H2's {@code .mv.db} suffix ({@code jdbc:h2:./data/campops} gives {@code
     * ./data/campops}, absolute); empty for in-memory, server ({@code tcp:}, {@code ssl:}) and non-H2 URLs.
     */
    static Optional<Path> of(String jdbcUrl) {
        String prefix = "jdbc:h2:";
        if (!jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(prefix.length());
        int options = rest.indexOf(';');
        if (options >= 0) {
            rest = rest.substring(0, options);
        }
        // File system prefixes (async:, nio:, file:, split:…) come before the path, in any number.
        while (true) {
            String lower = rest.toLowerCase(Locale.ROOT);
            if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
                return Optional.empty();
            }
            int colon = rest.indexOf(':');
            if (colon <= 1 || !rest.substring(0, colon).chars().allMatch(Character::isLetter)) {
                break; // no prefix left (a Windows drive letter such as C: is part of the path)
            }
            rest = rest.substring(colon + 1);
        }
        if (rest.isBlank()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }
}
