package org.campops.delivery;

import java.time.Clock;
import java.util.List;
import org.campops.chat.Notifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one target's claimed rows in order on a sender thread of the {@link Dispatcher} and records
 * each outcome through {@link Leases}: SENT with Discord's answer, retried later, failed for good, or
 * released when the sender is interrupted (shutdown); then wakes the poller for that target's next rows.
 */
final class GroupSender {
    /** The dispatcher's logger: the log reads as before the split. */
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final PayloadSender sender;
    private final Leases leases;
    private final InFlight inFlight;
    private final Clock clock;
    private final Runnable wake;

    GroupSender(PayloadSender sender, Leases leases, InFlight inFlight, Clock clock, Runnable wake) {
        this.sender = sender;
        this.leases = leases;
        this.inFlight = inFlight;
        this.clock = clock;
        this.wake = wake;
    }

    /** Sends {@code rows} (claimed under {@code token}, all to {@code target}) one after another. */
    void send(String target, List<Delivery> rows, String token) {
        try {
            for (Delivery d : rows) {
                sendOne(d, token);
            }
        } finally {
            inFlight.finished(target);
            wake.run();
        }
    }

    private void sendOne(Delivery d, String token) {
        String result;
        try {
            result = sender.send(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            leases.release(d, token, "interrupted while sending (shutdown)");
            return;
        } catch (Notifier.DeliveryFailure e) {
            failedAttempt(d, token, e.getMessage(), e.permanent());
            return;
        } catch (RuntimeException e) {
            failedAttempt(d, token, e.toString(), false);
            return;
        }
        try {
            leases.markSent(d, token, result, clock.instant());
            LOG.debug("delivered {}", d.key());
            inFlight.rowChanged();
        } catch (RuntimeException e) {
            // Discord has it (a resend carries the same nonce), but recording it failed: try again later.
            LOG.warn("delivery {} went out but could not be recorded: {}", d.key(), e.toString());
            try {
                failedAttempt(d, token, "sent, not recorded: " + e, false);
            } catch (RuntimeException again) {
                LOG.warn("delivery {} stays in flight until its lease ends: {}", d.key(), again.toString());
            }
        }
    }

    /** Retried later or failed for good ({@link Leases#failedAttempt}); waiting callers look again. */
    private void failedAttempt(Delivery d, String token, @Nullable String error, boolean permanent) {
        leases.failedAttempt(d, token, error, permanent, clock.instant());
        inFlight.rowChanged();
    }
}
