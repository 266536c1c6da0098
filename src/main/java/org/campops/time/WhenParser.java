package org.campops.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** TEMPORARY stub until the real parser lands. */
public final class WhenParser {
    private final ZoneId zone;

    public WhenParser(ZoneId zone) {
        this.zone = zone;
    }

    public WhenResult parse(String text, Instant now) {
        var m = java.util.regex.Pattern.compile("in (\\d+)([smh])").matcher(text.strip());
        if (!m.matches()) {
            return new WhenResult.Err(Problem.UNRECOGNIZED, text);
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) { case "s" -> Duration.ofSeconds(n); case "m" -> Duration.ofMinutes(n); default -> Duration.ofHours(n); };
        return new WhenResult.Ok(now.plus(d).atZone(zone));
    }
}
