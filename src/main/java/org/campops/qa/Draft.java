package org.campops.qa;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A question held back while the asker looks at similar earlier questions. */
public record Draft(
        long id,
        String askerId,
        String askerName,
        boolean anonymous,
        @Nullable String topic,
        String title,
        @Nullable String details,
        Locale locale,
        Instant createdAt) {}
