package org.campops.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.campops.chat.Messages;
import org.campops.chat.Notifier;
import org.campops.chat.Texts;
import org.campops.chat.UserError;
import org.campops.schedule.Scheduling;
import org.campops.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets, lists, cancels and delivers reminders; the row is the truth, the trigger follows it. */
public final class ReminderService {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderService.class);
    public static final int MAX_TEXT = 1500;
    /** A reminder delivered later than this after its due time says so. */
    private static final Duration LATE = Duration.ofMinutes(2);

    private final Database db;
    private final ReminderRepository repo = new ReminderRepository();
    private final Scheduling scheduling;
    private final Notifier notifier;
    private final Clock clock;
    private final int maxPending;

    public ReminderService(Database db, Scheduling scheduling, Notifier notifier, Clock clock, int maxPending) {
        this.db = db;
        this.scheduling = scheduling;
        this.notifier = notifier;
        this.clock = clock;
        this.maxPending = maxPending;
    }

    /** Stores the reminder and schedules its delivery; nothing is stored when scheduling fails. */
    public Reminder create(String ownerId, String channelId, String text, Instant due, Locale locale) {
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
            return repo.find(c, id).orElseThrow();
        });
        try {
            scheduling.once(Reminder.jobKey(created.id()), ReminderJob.class,
                    Map.of(ReminderJob.REMINDER_ID, String.valueOf(created.id())), due);
        } catch (RuntimeException e) {
            db.inTransaction(c -> repo.transition(c, created.id(), Reminder.Status.CANCELLED, now));
            throw e;
        }
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
            if (found.status() != Reminder.Status.PENDING || !repo.transition(c, id, Reminder.Status.CANCELLED, clock.instant())) {
                throw new UserError("remind.error.notPending", id);
            }
            return found;
        });
        scheduling.cancel(Reminder.jobKey(id));
        return r;
    }

    /**
     * Delivers reminder {@code id}: claims the row first, so a re-fired trigger or a second
     * instance finds it no longer pending and posts nothing.
     */
    public void fire(long id) {
        Instant now = clock.instant();
        Reminder r = db.inTransaction(c -> {
            Reminder found = repo.find(c, id).orElse(null);
            if (found == null || !repo.transition(c, id, Reminder.Status.SENT, now)) {
                return null;
            }
            return found;
        });
        if (r == null) {
            LOG.info("reminder {} is no longer pending; nothing to send", id);
            return;
        }
        String message = render(r, now);
        try {
            if (r.toChannel()) {
                notifier.post(r.channelId(), message, Set.of(r.ownerId()));
            } else {
                notifier.dm(r.ownerId(), message);
            }
            LOG.info("reminder {} delivered", id);
        } catch (RuntimeException e) {
            LOG.warn("reminder {} could not be delivered: {}", id, e.getMessage());
            db.inTransaction(c -> {
                repo.markFailed(c, id);
                return null;
            });
        }
    }

    /** Re-creates a missing trigger for every pending row: the database is the truth. */
    public int ensureScheduled() {
        int fixed = 0;
        for (Reminder r : db.inTransaction(repo::allPending)) {
            if (scheduling.nextFire(Reminder.jobKey(r.id())) == null) {
                scheduling.once(Reminder.jobKey(r.id()), ReminderJob.class,
                        Map.of(ReminderJob.REMINDER_ID, String.valueOf(r.id())), r.dueAt());
                fixed++;
            }
        }
        return fixed;
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
