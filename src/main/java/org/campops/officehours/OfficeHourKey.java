package org.campops.officehours;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.campops.delivery.DeliveryKey;
import org.campops.schedule.MomentKind;
import org.jspecify.annotations.Nullable;

/**
 * The delivery keys of office hours and the kinds of their moments: formatted and parsed only here. Keys
 * of a moment or a move hold the start time, so a rescheduled session is reminded and told again.
 */
public sealed interface OfficeHourKey extends DeliveryKey {
    String PREFIX = "oh";

    /** The announcement thread: {@code oh:<id>:announce}. */
    record Announce(long officeHourId) implements OfficeHourKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, officeHourId, "announce");
        }
    }

    /** The scheduled event, {@code oh:<id>:event}, and its cancellation, {@code oh:<id>:event:cancel}. */
    record Event(long officeHourId, boolean cancel) implements OfficeHourKey {
        @Override
        public String text() {
            String event = DeliveryKey.join(PREFIX, officeHourId, "event");
            return cancel ? DeliveryKey.join(event, "cancel") : event;
        }
    }

    /** One edit of the announcement's RSVP count: {@code oh:<id>:edit:<uuid>}. */
    record CountEdit(long officeHourId, UUID edit) implements OfficeHourKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, officeHourId, "edit", edit);
        }
    }

    /**
     * What several posts are about: a cancellation ({@code oh:<id>:cancel}), a move ({@code oh:<id>:<start s>:moved})
     * or a moment ({@code oh:<id>:<start s>:<kind>}); {@code startSecond} is null for a cancellation.
     */
    record Topic(long officeHourId, @Nullable Long startSecond, String name) {
        static Topic cancel(long officeHourId) {
            return new Topic(officeHourId, null, "cancel");
        }

        static Topic moved(OfficeHour o) {
            return new Topic(o.id(), o.startAt().getEpochSecond(), "moved");
        }

        static Topic moment(OfficeHour o, Kind kind) {
            return new Topic(o.id(), o.startAt().getEpochSecond(), kind.text());
        }

        String text() {
            return startSecond == null
                    ? DeliveryKey.join(PREFIX, officeHourId, name)
                    : DeliveryKey.join(PREFIX, officeHourId, startSecond, name);
        }

        Post self() {
            return new Post(this, Post.Part.SELF, null);
        }

        Post event() {
            return new Post(this, Post.Part.EVENT, null);
        }

        Post edit() {
            return new Post(this, Post.Part.EDIT, null);
        }

        Post channel() {
            return new Post(this, Post.Part.CHANNEL, null);
        }

        Post dm(String userId) {
            return new Post(this, Post.Part.DM, userId);
        }
    }

    /** One post of a topic: the topic itself, {@code :event}, {@code :edit}, {@code :channel} or {@code :dm:<user>}. */
    record Post(Topic topic, Part part, @Nullable String userId) implements OfficeHourKey {
        public enum Part {
            SELF,
            EVENT,
            EDIT,
            CHANNEL,
            DM
        }

        @Override
        public String text() {
            return switch (part) {
                case SELF -> topic.text();
                case DM -> DeliveryKey.join(topic.text(), "dm", Objects.requireNonNull(userId, "a DM's recipient"));
                default -> DeliveryKey.join(topic.text(), part.name().toLowerCase(Locale.ROOT));
            };
        }
    }

    /** A moment of an office hour: a reminder {@code remind-<ISO duration>} before, the agenda, the start. */
    record Kind(String name, @Nullable Duration before) implements MomentKind {
        static final Kind AGENDA = new Kind("agenda", null);
        static final Kind START = new Kind("start", null);

        static Kind remind(Duration before) {
            return new Kind("remind", before);
        }

        @Override
        public String text() {
            return before == null ? name : name + "-" + before;
        }

        /** The kind of a stored text (a trigger's name); IllegalArgumentException when it is not one. */
        public static Kind parse(String text) {
            return of(text).orElseThrow(() -> new IllegalArgumentException("not an office hour moment: " + text));
        }

        /** The kind of a stored text, if it is one. */
        public static Optional<Kind> of(String text) {
            if (text.startsWith("remind-")) {
                try {
                    return Optional.of(remind(Duration.parse(text.substring("remind-".length()))));
                } catch (java.time.format.DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(text.equals("agenda") ? AGENDA : text.equals("start") ? START : null);
        }
    }

    /** The key of a stored text; IllegalArgumentException when it is not one of office hours'. */
    static OfficeHourKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() < 3 || !p.get(0).equals(PREFIX)) {
            throw new IllegalArgumentException("not an office hour key: " + text);
        }
        long id = Long.parseLong(p.get(1));
        String third = p.get(2);
        switch (third) {
            case "announce" -> {
                return only(p, 3, new Announce(id), text);
            }
            case "event" -> {
                boolean cancel = p.size() == 4 && p.get(3).equals("cancel");
                return cancel ? new Event(id, true) : only(p, 3, new Event(id, false), text);
            }
            case "edit" -> {
                return only(p, 4, new CountEdit(id, UUID.fromString(p.get(p.size() - 1))), text);
            }
            case "cancel" -> {
                return post(new Topic(id, null, "cancel"), p.subList(3, p.size()), text);
            }
            default -> {
                if (p.size() < 4) {
                    throw new IllegalArgumentException("not an office hour key: " + text);
                }
                String name = p.get(3);
                if (!name.equals("moved")) {
                    Kind.parse(name);
                }
                return post(new Topic(id, Long.parseLong(third), name), p.subList(4, p.size()), text);
            }
        }
    }

    private static Post post(Topic topic, List<String> rest, String text) {
        if (rest.isEmpty()) {
            return topic.self();
        }
        if (rest.size() == 2 && rest.get(0).equals("dm")) {
            return topic.dm(rest.get(1));
        }
        if (rest.size() == 1 && List.of("event", "edit", "channel").contains(rest.get(0))) {
            return new Post(topic, Post.Part.valueOf(rest.get(0).toUpperCase(Locale.ROOT)), null);
        }
        throw new IllegalArgumentException("not an office hour key: " + text);
    }

    private static OfficeHourKey only(List<String> parts, int size, OfficeHourKey key, String text) {
        if (parts.size() != size) {
            throw new IllegalArgumentException("not an office hour key: " + text);
        }
        return key;
    }
}
