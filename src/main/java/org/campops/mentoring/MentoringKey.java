package org.campops.mentoring;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.campops.delivery.DeliveryKey;
import org.campops.schedule.MomentKind;

/**
 * The delivery keys of mentoring and the kinds of a session's moments: formatted and parsed only here.
 * A reminder's key holds the session's start, so a moved session is reminded again.
 */
public sealed interface MentoringKey extends DeliveryKey {
    String PREFIX = "mentoring";

    /** A moment of a session: the mentor's reminder, the team's reminder, after the session. */
    enum Kind implements MomentKind {
        MENTOR,
        TEAM,
        AFTER;

        @Override
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of a stored text (a trigger's name), if it is one. */
        public static Optional<Kind> of(String text) {
            return Arrays.stream(values()).filter(k -> k.text().equals(text)).findFirst();
        }

        /** The kind of a stored text; IllegalArgumentException when it is not one. */
        public static Kind parse(String text) {
            return of(text).orElseThrow(() -> new IllegalArgumentException("not a mentoring moment: " + text));
        }
    }

    /** A post of a session's moment: {@code mentoring:<session>:<start s>:mentor|team|after|after-mentor}. */
    record Reminder(long sessionId, long startSecond, Kind kind, boolean toMentor) implements MentoringKey {
        static Reminder of(Session s, Kind kind) {
            return new Reminder(s.id(), s.startAt().getEpochSecond(), kind, false);
        }

        /** The mentor's own copy of the after-session post. */
        static Reminder afterMentor(Session s) {
            return new Reminder(s.id(), s.startAt().getEpochSecond(), Kind.AFTER, true);
        }

        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, sessionId, startSecond, kind.text() + (toMentor ? "-mentor" : ""));
        }
    }

    /** The team channel told of a new series: {@code mentoring:series:<series>:<epoch ms>}. */
    record SeriesSet(long seriesId, Instant at) implements MentoringKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, "series", seriesId, at.toEpochMilli());
        }
    }

    /** The team channel told of a skipped session: {@code mentoring:<session>:skipped}. */
    record Skipped(long sessionId) implements MentoringKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, sessionId, "skipped");
        }
    }

    /** The team channel told of a moved session: {@code mentoring:<session>:moved:<new start s>}. */
    record Moved(long sessionId, Instant newStart) implements MentoringKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, sessionId, "moved", newStart.getEpochSecond());
        }
    }

    /** The key of a stored text; IllegalArgumentException when it is not one of mentoring's. */
    static MentoringKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() >= 3 && p.get(0).equals(PREFIX)) {
            if (p.size() == 4 && p.get(1).equals("series")) {
                return new SeriesSet(Long.parseLong(p.get(2)), Instant.ofEpochMilli(Long.parseLong(p.get(3))));
            }
            long session = Long.parseLong(p.get(1));
            if (p.size() == 3 && p.get(2).equals("skipped")) {
                return new Skipped(session);
            }
            if (p.size() == 4 && p.get(2).equals("moved")) {
                return new Moved(session, Instant.ofEpochSecond(Long.parseLong(p.get(3))));
            }
            if (p.size() == 4) {
                boolean toMentor = p.get(3).equals("after-mentor");
                Kind kind = toMentor ? Kind.AFTER : Kind.parse(p.get(3));
                return new Reminder(session, Long.parseLong(p.get(2)), kind, toMentor);
            }
        }
        throw new IllegalArgumentException("not a mentoring key: " + text);
    }
}
