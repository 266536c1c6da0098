package org.campops.discord;

import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import org.campops.chat.Notifier;

/**
 * Runs a REST call and says whether a failure is worth retrying: Discord's 5xx, 429 and network
 * errors are; its other 4xx (missing access, closed DMs, unknown channel) and JDA's own refusals
 * are not. Every failure leaves as a {@link Notifier.DeliveryFailure}.
 */
final class JdaFailures {
    private JdaFailures() {}

    /** A channel the bot cannot see (deleted, or no access). */
    static final class ChannelUnknown extends IllegalStateException {
        ChannelUnknown(String message) {
            super(message);
        }
    }

    static <T> T of(Supplier<T> call) {
        try {
            return call.get();
        } catch (Notifier.DeliveryFailure e) {
            throw e;
        } catch (ErrorResponseException e) {
            boolean transientError = e.isServerError()
                    || e.getErrorCode() == 429
                    || (e.getResponse() != null && (e.getResponse().code >= 500 || e.getResponse().code == 429));
            throw new Notifier.DeliveryFailure(
                    !transientError, "Discord: " + e.getMeaning() + " (" + e.getErrorCode() + ")", e);
        } catch (PermissionException e) {
            throw new Notifier.DeliveryFailure(true, "missing permission: " + e.getMessage(), e);
        } catch (ChannelUnknown | IllegalArgumentException e) {
            // JDA refuses the request before sending it (unknown channel, an event in the past, a too long
            // name): sending it again cannot help.
            throw new Notifier.DeliveryFailure(true, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Network errors, timeouts, a client not connected yet: worth another try.
            throw new Notifier.DeliveryFailure(false, e.toString(), e);
        }
    }

    static void run(Runnable call) {
        of(() -> {
            call.run();
            return null;
        });
    }
}
