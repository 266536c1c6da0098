package org.campops.delivery;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.campops.chat.Notifier;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed row through the {@link Notifier}, by the kind of its payload, with the nonce of
 * its delivery key, paced under Discord's global limit. Returns what the row records as its result
 * (a message, thread, event or channel id); throws what the transport threw.
 */
final class PayloadSender {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadSender.class);

    private final Notifier notifier;
    private final Outbox outbox;
    private final RateGate gate;
    private final ReentrantLock opening = new ReentrantLock(true);

    PayloadSender(Notifier notifier, Outbox outbox, double requestsPerSecond) {
        this.notifier = notifier;
        this.outbox = outbox;
        this.gate = new RateGate(requestsPerSecond, 5);
    }

    @Nullable
    String send(Delivery d) throws InterruptedException {
        if (d.payload().kind() == Payload.Kind.DM) {
            openDmChannel(d.payload().target());
        }
        gate.acquire(requests(d));
        return deliver(d);
    }

    /**
     * A member's first DM opens the DM channel first, a request of its own: it takes its own permit, right
     * before it is sent, and one opening runs at a time. JDA sends them one after another anyway (one rate
     * limit bucket for every member); permits taken while several wait in JDA's queue would let them out
     * in a bunch, above the pace, when the queue drains.
     */
    private void openDmChannel(String userId) throws InterruptedException {
        if (!notifier.dmNeedsChannel(userId)) {
            return;
        }
        opening.lockInterruptibly();
        try {
            if (notifier.dmNeedsChannel(userId)) {
                gate.acquire(1);
                notifier.openDm(userId);
            }
        } finally {
            opening.unlock();
        }
    }

    /** What {@link #openAhead} did. */
    enum Ahead {
        /** The DM channel was opened (and is remembered). */
        OPENED,
        /** It was known already (or the transport has no DM channels to open). */
        KNOWN,
        /** No spare request now (posts are being paced, or an opening for a send is under way): try later. */
        BUSY
    }

    /**
     * Opens a member's DM channel ahead of need, with a spare permit only ({@link RateGate#tryAcquireSpare}), never
     * while a send opens one; throws what the transport threw.
     */
    Ahead openAhead(String userId) {
        if (!opening.tryLock()) {
            return Ahead.BUSY;
        }
        try {
            if (!notifier.dmNeedsChannel(userId)) {
                return Ahead.KNOWN;
            }
            if (!gate.tryAcquireSpare()) {
                return Ahead.BUSY;
            }
            notifier.openDm(userId);
            return Ahead.OPENED;
        } finally {
            opening.unlock();
        }
    }

    /** How many REST requests a row will take, roughly (a long text is split into several messages). */
    private static int requests(Delivery d) {
        Payload p = d.payload();
        String text =
                p.text() != null ? p.text() : p.reply() != null ? p.reply().text() : "";
        return Math.max(1, (text == null ? 0 : text.length()) / Texts.MAX_MESSAGE + 1);
    }

    // The kind says which fields a payload has (see Payload.Kind): NullAway cannot see that link.
    @SuppressWarnings("NullAway")
    private @Nullable String deliver(Delivery d) {
        Payload p = d.payload();
        String nonce = Outbox.nonce(d.key());
        return switch (p.kind()) {
            case POST -> {
                notifier.post(p.target(), p.text(), Set.copyOf(p.mentions()), nonce);
                yield null;
            }
            case DM -> {
                notifier.dm(p.target(), p.text(), nonce);
                yield null;
            }
            case SEND -> notifier.send(p.target(), p.reply(), nonce);
            case EDIT -> {
                notifier.edit(p.target(), p.messageId(), p.reply());
                yield null;
            }
            case THREAD -> {
                Optional<Notifier.StartedThread> earlier = d.attempts() > 1
                        ? notifier.findStartedThread(p.target(), p.title(), d.createdAt())
                        : Optional.empty();
                Notifier.StartedThread t = earlier.orElseGet(
                        () -> notifier.startThread(p.target(), p.title(), p.reply(), p.tags(), nonce));
                yield Outbox.toJson(t);
            }
            case TAGS -> {
                notifier.setTags(p.target(), p.tags());
                yield null;
            }
            case EVENT_CREATE -> notifier.createEvent(p.event());
            case EVENT_UPDATE -> {
                notifier.updateEvent(p.target(), p.event());
                yield null;
            }
            case EVENT_CANCEL -> {
                notifier.cancelEvent(p.target());
                yield null;
            }
            case CHANNEL_CREATE -> {
                // No nonce for channels: a create that went through before its answer was lost is found by name.
                Notifier.PrivateChannel spec = p.channel();
                yield notifier.findPrivateChannel(spec.name(), spec.categoryId())
                        .orElseGet(() -> notifier.createPrivateChannel(spec));
            }
            case ACCESS -> {
                // A retried change must not undo a later one that went out while it waited: the latest wins.
                Optional<String> later = outbox.laterAccessChange(d);
                if (later.isPresent()) {
                    LOG.info("delivery {} not sent: {} changes the same access later", d.key(), later.get());
                    yield "superseded by " + later.get();
                }
                notifier.setMemberAccess(p.target(), p.userId(), Boolean.TRUE.equals(p.allowed()));
                yield null;
            }
        };
    }
}
