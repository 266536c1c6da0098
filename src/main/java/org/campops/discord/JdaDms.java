package org.campops.discord;

import java.util.List;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.campops.chat.DmChannels;
import org.campops.chat.Texts;
import org.jspecify.annotations.Nullable;

/**
 * Direct messages: one request per part when the member's DM channel id is known (remembered in
 * {@link DmChannels}, not JDA's cache); otherwise the channel is opened first, once, and remembered.
 * A channel Discord no longer knows is opened afresh.
 */
final class JdaDms {
    private final JdaLookup lookup;
    private volatile DmChannels dmChannels = DmChannels.NONE;

    JdaDms(JdaLookup lookup) {
        this.lookup = lookup;
    }

    void use(DmChannels channels) {
        this.dmChannels = channels;
    }

    void dm(String userId, String text, String nonce) {
        JdaFailures.run(() -> {
            List<String> parts = Texts.split(text, Texts.MAX_MESSAGE);
            String channelId = dmChannel(userId, false);
            for (int i = 0; i < parts.size(); i++) {
                try {
                    sendRaw(channelId, parts.get(i), JdaMessages.partNonce(nonce, i));
                } catch (ErrorResponseException e) {
                    if (e.getErrorResponse() != ErrorResponse.UNKNOWN_CHANNEL) {
                        throw e;
                    }
                    channelId = dmChannel(userId, true);
                    sendRaw(channelId, parts.get(i), JdaMessages.partNonce(nonce, i));
                }
            }
        });
    }

    boolean needsChannel(String userId) {
        return dmChannels.get(userId).isEmpty();
    }

    void open(String userId) {
        JdaFailures.of(() -> dmChannel(userId, false));
    }

    private String dmChannel(String userId, boolean fresh) {
        if (fresh) {
            dmChannels.forget(userId);
        } else {
            var known = dmChannels.get(userId);
            if (known.isPresent()) {
                return known.get();
            }
        }
        String id = lookup.client().openPrivateChannelById(userId).complete().getId();
        dmChannels.put(userId, id);
        return id;
    }

    /** A plain text message to a channel known only by id (a DM channel that is not in JDA's cache). */
    private void sendRaw(String channelId, String text, @Nullable String nonce) {
        DataObject body = DataObject.empty()
                .put("content", text)
                .put("allowed_mentions", DataObject.empty().put("parse", DataArray.empty()));
        if (nonce != null) {
            body.put("nonce", nonce).put("enforce_nonce", true);
        }
        new RestActionImpl<Void>(lookup.client(), Route.Messages.SEND_MESSAGE.compile(channelId), body).complete();
    }
}
