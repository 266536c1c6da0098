package org.campops.qa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.schedule.Moments;

/**
 * The follow-up digests as scheduled moments: slot {@code n} of {@code qa.digestEvery} is due at
 * {@code n × interval} (UTC epoch). Firing a slot posts its digests (once: the slot is the delivery
 * key) and plans the next one. Slots missed while the bot was down are not replayed: at start only
 * the next slot is planned.
 */
public final class QaDigests implements MomentSource {
    public static final String FEATURE = "qa-digest";
    public static final QaKey.Kind KIND = QaKey.Kind.DIGEST;
    private final QaService qa;
    private final Moments moments;
    private final Clock clock;
    private final Duration every;

    public QaDigests(QaService qa, Moments moments, Clock clock) {
        this.qa = qa;
        this.moments = moments;
        this.clock = clock;
        this.every = qa.digestEvery();
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    /** The slot whose moment is the next one after {@code at}. */
    public long nextSlot(Instant at) {
        return at.getEpochSecond() / every.getSeconds() + 1;
    }

    private Moment moment(long slot) {
        return new Moment(FEATURE, slot, KIND, Instant.ofEpochSecond(slot * every.getSeconds()));
    }

    @Override
    public List<Moment> planned(long slot) {
        return List.of(moment(slot));
    }

    @Override
    public List<Moment> allPlanned() {
        return List.of(moment(nextSlot(clock.instant())));
    }

    @Override
    public void fire(Moment m) {
        try {
            qa.runDigest(m.rowId());
        } finally {
            long next = Math.max(m.rowId() + 1, nextSlot(clock.instant()));
            moments.plan(FEATURE, next);
        }
    }
}
