package org.campops.qa;

import java.time.Instant;
import java.util.Locale;

/** A question held back while the asker looks at similar earlier questions. */
public record Draft(long id, String askerId, String askerName, boolean anonymous, String topic, String title,
                    String details, Locale locale, Instant createdAt) {
}
