package org.campops.reminders;

import java.util.List;
import org.campops.delivery.DeliveryKey;
import org.campops.schedule.MomentKind;

/** The delivery key of a reminder's post, {@code reminder:<id>}: formatted and parsed only here. */
public record ReminderKey(long reminderId) implements DeliveryKey {
    private static final String PREFIX = "reminder";

    /** A reminder's one moment. */
    public enum Kind implements MomentKind {
        DUE;

        @Override
        public String text() {
            return "due";
        }
    }

    @Override
    public String text() {
        return DeliveryKey.join(PREFIX, reminderId);
    }

    /** The key of a stored text; IllegalArgumentException when it is not a reminder's. */
    public static ReminderKey parse(String text) {
        List<String> parts = DeliveryKey.parts(text);
        if (parts.size() != 2 || !parts.get(0).equals(PREFIX)) {
            throw new IllegalArgumentException("not a reminder key: " + text);
        }
        return new ReminderKey(Long.parseLong(parts.get(1)));
    }
}
