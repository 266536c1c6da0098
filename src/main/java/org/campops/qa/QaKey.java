package org.campops.qa;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.campops.delivery.DeliveryKey;
import org.campops.schedule.MomentKind;

/** The delivery keys of Q&A and the kind of its digest moments: formatted and parsed only here. */
public sealed interface QaKey extends DeliveryKey {
    String PREFIX = "qa";

    /** The question's thread: {@code qa:<id>:post}. */
    record Post(long questionId) implements QaKey {
        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, questionId, "post");
        }
    }

    /** What resolving posts: {@code qa:<id>:resolved:<epoch ms>:tags} and {@code ...:note}. */
    record Resolved(long questionId, Instant at, Part part) implements QaKey {
        public enum Part {
            TAGS,
            NOTE
        }

        static Resolved tags(long questionId, Instant at) {
            return new Resolved(questionId, at, Part.TAGS);
        }

        static Resolved note(long questionId, Instant at) {
            return new Resolved(questionId, at, Part.NOTE);
        }

        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, questionId, "resolved", at.toEpochMilli(), lower(part));
        }
    }

    /** A follow-up digest of one slot: {@code qa:digest:mentors:<slot>}, {@code qa:digest:organizers:<slot>}. */
    record Digest(Audience audience, long slot) implements QaKey {
        public enum Audience {
            MENTORS,
            ORGANIZERS
        }

        static Digest mentors(long slot) {
            return new Digest(Audience.MENTORS, slot);
        }

        static Digest organizers(long slot) {
            return new Digest(Audience.ORGANIZERS, slot);
        }

        @Override
        public String text() {
            return DeliveryKey.join(PREFIX, "digest", lower(audience), slot);
        }
    }

    /** The one kind of a digest slot's moment. */
    enum Kind implements MomentKind {
        DIGEST;

        @Override
        public String text() {
            return "digest";
        }
    }

    /** The key of a stored text; IllegalArgumentException when it is not one of Q&A's. */
    static QaKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() >= 3 && p.get(0).equals(PREFIX)) {
            if (p.size() == 4 && p.get(1).equals("digest")) {
                return new Digest(Digest.Audience.valueOf(p.get(2).toUpperCase(Locale.ROOT)), Long.parseLong(p.get(3)));
            }
            if (p.size() == 3 && p.get(2).equals("post")) {
                return new Post(Long.parseLong(p.get(1)));
            }
            if (p.size() == 5 && p.get(2).equals("resolved")) {
                return new Resolved(
                        Long.parseLong(p.get(1)),
                        Instant.ofEpochMilli(Long.parseLong(p.get(3))),
                        Resolved.Part.valueOf(p.get(4).toUpperCase(Locale.ROOT)));
            }
        }
        throw new IllegalArgumentException("not a Q&A key: " + text);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
