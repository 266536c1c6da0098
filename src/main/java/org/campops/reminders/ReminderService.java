package org.campops.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.campops.chat.Messages;
import org.campops.chat.Notifier;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.schedule.Moment;
import org.campops.schedule.MomentSource;
import org.campops.schedule.Moments;
import org.campops.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets, lists, cancels and delivers reminders; the row is the truth, its one moment ("due") follows
 * it, and the post goes through the outbox.
 */
public final class ReminderService implements MomentSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderService.class);
    public static final String FEATURE = "reminder";
    private static final ReminderKey.Kind DUE = ReminderKey.Kind.DUE;
    public static final int MAX_TEXT = 1500;
    /** A reminder delivered later than this after its due time says so. */
    private static final Duration LATE = Duration.ofMinutes(2);

    private final Database db;
    private final ReminderRepository repo = new ReminderRepository();
    private final Moments moments;
    private final Outbox outbox;
    private final Notifier notifier;
    private final Clock clock;
    private final int maxPending;

    public ReminderService(
            Database db, Moments moments, Outbox outbox, Notifier notifier, Clock clock, int maxPending) {
        this.db = db;
        this.moments = moments;
        this.outbox = outbox;
        this.notifier = notifier;
        this.clock = clock;
        this.maxPending = maxPending;
    }

    @Override
    public String feature() {
        return FEATURE;
    }

    /**
     * Stores the reminder; its moment is planned right after on the planner thread (and from the row
     * at the next start, should the process die first), so the member's acknowledgement waits only
     * for the commit.
     */
    public Reminder create(
            String ownerId, @Nullable String channelId, String text, Instant requestedDue, Locale locale) {
        // A trigger carries its due instant in milliseconds, and firing compares it with the row's: a finer due
        // instant (an API caller's Instant.now() plus something) would look moved and never be sent.
        Instant due = requestedDue.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String body = text == null ? "" : text.strip();
        if (!Texts.isVisible(body)) {
            throw new UserError("remind.error.emptyText");
        }
        if (body.length() > MAX_TEXT) {
            throw new UserError("remind.error.textTooLong", MAX_TEXT, body.length());
        }
        Instant now = clock.instant();
        if (!due.isAfter(now)) {
            throw new UserError("when.error.PAST", "");
        }
        Reminder created = db.inTransaction(c -> {
            if (repo.countPending(c, ownerId) >= maxPending) {
                throw new UserError("remind.error.tooMany", maxPending);
            }
            long id = repo.insert(c, ownerId, channelId, body, due, locale, now);
            if (channelId == null) {
                outbox.expectDm(c, ownerId); // the reminder is a DM: its channel is opened ahead of need
            }
            return new Reminder(id, ownerId, channelId, body, due, locale, Reminder.Status.PENDING, now, null);
        });
        moments.planSoon(FEATURE, created.id());
        return created;
    }

    /** A channel reminder must go where the member could write themselves, and to a text channel. */
    public void checkChannel(String ownerId, String channelId) {
        Notifier.ChannelKind kind = notifier.channelKind(channelId);
        if (kind == Notifier.ChannelKind.UNCHECKED) {
            return;
        }
        if (kind != Notifier.ChannelKind.TEXT) {
            throw new UserError("remind.error.channelNotText");
        }
        if (!notifier.canWrite(ownerId, channelId)) {
            throw new UserError("remind.error.channelNoAccess");
        }
    }

    public List<Reminder> pending(String ownerId) {
        return db.inTransaction(c -> repo.pendingOf(c, ownerId));
    }

    /** Cancels a pending reminder of the owner (organizers may cancel anyone's). */
    public Reminder cancel(String callerId, boolean organizer, long id) {
        Reminder r = db.inTransaction(c -> {
            Reminder found = repo.find(c, id).orElseThrow(() -> new UserError("remind.error.notFound", id));
            if (!found.ownerId().equals(callerId) && !organizer) {
                throw new UserError("remind.error.notFound", id);
            }
            if (found.status() != Reminder.Status.PENDING
                    || !repo.transition(c, id, Reminder.Status.CANCELLED, clock.instant())) {
                throw new UserError("remind.error.notPending", id);
            }
            return found;
        });
        moments.unplan(FEATURE, id);
        return r;
    }

    @Override
    public List<Moment> planned(long rowId) {
        return db.inTransaction(c -> repo.find(c, rowId))
                .filter(r -> r.status() == Reminder.Status.PENDING)
                .map(r -> List.of(new Moment(FEATURE, r.id(), DUE, r.dueAt())))
                .orElse(List.of());
    }

    @Override
    public List<Moment> allPlanned() {
        return db.inTransaction(repo::allPending).stream()
                .map(r -> new Moment(FEATURE, r.id(), DUE, r.dueAt()))
                .toList();
    }

    /** Fires reminder {@code id} as planned now (tests fire moments by hand). */
    public void fire(long id) {
        Instant due =
                db.inTransaction(c -> repo.find(c, id)).map(Reminder::dueAt).orElse(Instant.EPOCH);
        fire(new Moment(FEATURE, id, DUE, due));
    }

    /**
     * Fires reminder {@code moment.rowId()}: in one transaction the row leaves PENDING and its post is
     * queued, so a re-fired trigger or a second instance finds it no longer pending and queues nothing.
     */
    @Override
    public void fire(Moment moment) {
        long id = moment.rowId();
        Instant now = clock.instant();
        boolean queued = db.inTransaction(c -> {
            Reminder r = repo.find(c, id).orElse(null);
            if (r == null || r.status() != Reminder.Status.PENDING || !r.dueAt().equals(moment.due())) {
                return false;
            }
            if (!repo.transition(c, id, Reminder.Status.SENT, now)) {
                return false;
            }
            String message = render(r, now);
            Payload p = r.toChannel()
                    ? Payload.post(
                            Objects.requireNonNull(r.channelId(), "a channel reminder's channel"),
                            message,
                            List.of(r.ownerId()))
                    : Payload.dm(r.ownerId(), message);
            outbox.enqueue(c, r.deliveryKey(), p, null, r.dueAt());
            return true;
        });
        if (queued) {
            LOG.info("reminder {} queued for delivery", id);
        } else {
            LOG.info("reminder {} is no longer pending (or was moved); nothing to send", id);
        }
    }

    private static String render(Reminder r, Instant now) {
        Locale l = r.locale();
        String text = Texts.defuse(r.text());
        String msg = r.toChannel()
                ? Messages.get(l, "remind.fired.channel", Texts.mention(r.ownerId()), text)
                : Messages.get(l, "remind.fired.dm", text);
        if (Duration.between(r.dueAt(), now).compareTo(LATE) > 0) {
            msg = msg + "\n" + Messages.get(l, "remind.fired.late", Texts.timestamp(r.dueAt()));
        }
        return msg;
    }
}
