package org.campops.time;

import java.time.ZonedDateTime;
import java.util.Objects;

/** The outcome of {@link WhenParser#parse}: either a moment or the reason there is none. */
public sealed interface WhenResult {

    /** An accepted moment, expressed in the parser's zone. */
    record Ok(ZonedDateTime at) implements WhenResult {
        public Ok {
            Objects.requireNonNull(at, "at");
        }
    }

    /** A refusal; {@code input} is the user's text, trimmed, so it can be quoted back to them. */
    record Err(Problem problem, String input) implements WhenResult {
        public Err {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(input, "input");
        }
    }
}
