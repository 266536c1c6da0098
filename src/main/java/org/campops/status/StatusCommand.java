package org.campops.status;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.campops.chat.CommandSpec;
import org.campops.chat.Invocation;
import org.campops.chat.Reply;
import org.campops.chat.Role;
import org.campops.chat.Texts;
import org.campops.delivery.Delivery;
import org.campops.delivery.Outbox;
import org.campops.delivery.Payload;
import org.campops.delivery.Retention;

/**
 * {@code /status} (organizers): how delivery is doing: posts waiting, in flight, sent, failed for
 * good (with the reason), and how late the oldest waiting one is. The failures it lists count as seen
 * ({@link Retention}).
 */
public final class StatusCommand {
    static final int FAILURES_SHOWN = 10;
    private final Outbox outbox;
    private final Clock clock;

    public StatusCommand(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public CommandSpec spec() {
        return CommandSpec.leaf("status", Role.ORGANIZER, this::status);
    }

    private Reply status(Invocation inv) {
        Map<Delivery.Status, Integer> counts = outbox.counts();
        StringBuilder sb = new StringBuilder(inv.text(
                "status.header",
                counts.get(Delivery.Status.PENDING),
                counts.get(Delivery.Status.SENDING),
                counts.get(Delivery.Status.SENT),
                counts.get(Delivery.Status.FAILED)));
        List<Delivery> unsent = outbox.unsent(1);
        if (!unsent.isEmpty()) {
            Delivery oldest = unsent.get(0);
            long late = Math.max(
                    0, Duration.between(oldest.dueAt(), clock.instant()).toSeconds());
            sb.append('\n')
                    .append(inv.text(
                            "status.oldest",
                            Texts.timestamp(oldest.dueAt()),
                            late,
                            oldest.attempts(),
                            oldest.lastError() == null ? "-" : Texts.defuse(oldest.lastError())));
        }
        List<Delivery> failed = outbox.failures(FAILURES_SHOWN);
        if (failed.isEmpty()) {
            sb.append('\n').append(inv.text("status.noFailures"));
        } else {
            sb.append('\n').append(inv.text("status.failuresHeader", failed.size()));
            for (Delivery d : failed) {
                sb.append('\n')
                        .append(inv.text(
                                "status.failure",
                                d.payload().kind().name(),
                                describe(d.payload()),
                                Texts.timestamp(d.dueAt()),
                                Texts.defuse(d.lastError() == null ? "-" : d.lastError())));
            }
            // An organizer has seen these now: their content is cleared once retention.sentDays have passed.
            outbox.failuresSeen(failed);
        }
        return Reply.ephemeral(sb.toString());
    }

    private static String describe(Payload p) {
        return switch (p.kind()) {
            case DM -> "<@" + p.target() + ">";
            case EVENT_CREATE ->
                p.event() == null ? "-" : Texts.defuse(p.event().name());
            case EVENT_UPDATE, EVENT_CANCEL -> "event " + p.target();
            case CHANNEL_CREATE ->
                p.channel() == null ? "-" : "#" + Texts.defuse(p.channel().name());
            case ACCESS -> "<@" + p.userId() + "> in <#" + p.target() + ">";
            default -> "<#" + p.target() + ">";
        };
    }
}
