package org.campops.meetings;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.campops.delivery.DeliveryKey;
import org.campops.program.ProgramKey;

/**
 * The keys of meeting and deadline reminders: the program moment ({@code meeting:<id>:<date>:<offset>},
 * {@code deadline:<id>:<offset>}) and its posts, one per recipient ({@code <moment>:channel:<id>},
 * {@code <moment>:dm:<user>}); formatted and parsed only here.
 */
public sealed interface MeetingKey extends ProgramKey {

    /** How long before the event the reminder is due. */
    Duration before();

    /** A reminder of one occurrence of a meeting. */
    record Meeting(String meetingId, LocalDate date, Duration before) implements MeetingKey {
        @Override
        public String text() {
            return DeliveryKey.join(Meetings.MEETING, meetingId, date, before);
        }
    }

    /** A reminder of a deadline. */
    record Deadline(String deadlineId, Duration before) implements MeetingKey {
        @Override
        public String text() {
            return DeliveryKey.join(Meetings.DEADLINE, deadlineId, before);
        }
    }

    /** The post of this reminder in a channel. */
    default Post channel(String channelId) {
        return new Post(this, "channel", channelId);
    }

    /** The DM of this reminder to a member. */
    default Post dm(String userId) {
        return new Post(this, "dm", userId);
    }

    /** One post of a reminder: {@code to} is "channel" or "dm", {@code id} the channel or the member. */
    record Post(MeetingKey moment, String to, String id) implements DeliveryKey {
        @Override
        public String text() {
            return DeliveryKey.join(moment.text(), to, id);
        }
    }

    /** The key of a stored moment's text; empty when it is not a meeting's or a deadline's. */
    static Optional<MeetingKey> parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        try {
            if (p.size() == 4 && p.get(0).equals(Meetings.MEETING)) {
                return Optional.of(new Meeting(p.get(1), LocalDate.parse(p.get(2)), Duration.parse(p.get(3))));
            }
            if (p.size() == 3 && p.get(0).equals(Meetings.DEADLINE)) {
                return Optional.of(new Deadline(p.get(1), Duration.parse(p.get(2))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The key of a stored post's text; empty when it is not one. */
    static Optional<Post> parsePost(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() < 3 || !List.of("channel", "dm").contains(p.get(p.size() - 2))) {
            return Optional.empty();
        }
        return parse(String.join(":", p.subList(0, p.size() - 2)))
                .map(m -> new Post(m, p.get(p.size() - 2), p.get(p.size() - 1)));
    }
}
