package org.campops.wrapup;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.campops.delivery.DeliveryKey;
import org.campops.program.ProgramKey;

/**
 * The keys of the wrap-up digests: the program moment ({@code wrapup:digest:<competition>:<date>},
 * {@code wrapup:late:<competition>}) and its posts, one per recipient ({@code <moment>:<mentor or channel>});
 * formatted and parsed only here.
 */
public sealed interface WrapupKey extends ProgramKey {

    /** The competition the moment is about. */
    String competitionId();

    /** A daily digest to mentors with open reviews. */
    record Digest(String competitionId, LocalDate day) implements WrapupKey {
        @Override
        public String text() {
            return DeliveryKey.join(WrapupDigests.NAME, WrapupDigests.DIGEST, competitionId, day);
        }
    }

    /** The late report to the organizers' channel, the day after the due date. */
    record Late(String competitionId) implements WrapupKey {
        @Override
        public String text() {
            return DeliveryKey.join(WrapupDigests.NAME, WrapupDigests.LATE, competitionId);
        }
    }

    /** The moment's post to a mentor (DM) or a channel. */
    default Post to(String recipient) {
        return new Post(this, recipient);
    }

    /** One post of a moment: {@code <moment>:<recipient>}. */
    record Post(WrapupKey moment, String recipient) implements DeliveryKey {
        @Override
        public String text() {
            return DeliveryKey.join(moment.text(), recipient);
        }
    }

    /** The key of a stored moment's text; empty when it is not a wrap-up moment. */
    static Optional<WrapupKey> parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.isEmpty() || !p.get(0).equals(WrapupDigests.NAME)) {
            return Optional.empty();
        }
        if (p.size() == 3 && p.get(1).equals(WrapupDigests.LATE)) {
            return Optional.of(new Late(p.get(2)));
        }
        try {
            if (p.size() == 4 && p.get(1).equals(WrapupDigests.DIGEST)) {
                return Optional.of(new Digest(p.get(2), LocalDate.parse(p.get(3))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
