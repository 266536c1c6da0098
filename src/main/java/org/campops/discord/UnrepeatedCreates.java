package org.campops.discord;

import java.io.IOException;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Keeps a channel creation from being sent twice by the HTTP stack. Messages carry a nonce (Discord returns the
 * first when one comes again), {@code POST /guilds/{id}/channels} has none: a second request makes a second
 * channel. Two layers would send it again by themselves, after it may already have gone through:
 * <ul>
 *   <li>JDA, when Discord answers 502, 503, 504 (or 520-524, 529): such an answer to a channel creation becomes
 *       a 500, which JDA does not repeat;</li>
 *   <li>OkHttp, when the connection closes without an answer after the request went out: its body is marked
 *       one-shot, which OkHttp does not send twice.</li>
 * </ul>
 * Either way the failure reaches the outbox, whose retry looks for the channel first
 * ({@code Notifier.findPrivateChannel}) and creates it only when it is not there.
 */
final class UnrepeatedCreates implements Interceptor {
    private static final Pattern CHANNEL_CREATE = Pattern.compile(".*/guilds/\\d+/channels/?");

    static boolean isChannelCreate(Request request) {
        return "POST".equals(request.method())
                && CHANNEL_CREATE.matcher(request.url().encodedPath()).matches();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!isChannelCreate(request)) {
            return chain.proceed(request);
        }
        if (request.body() != null) {
            request = request.newBuilder()
                    .method(request.method(), new OneShot(request.body()))
                    .build();
        }
        Response response = chain.proceed(request);
        int code = response.code();
        if (code == 502 || code == 503 || code == 504 || (code >= 520 && code <= 524) || code == 529) {
            return response.newBuilder()
                    .code(500)
                    .message("answered " + code + " to a channel creation (not repeated)")
                    .build();
        }
        return response;
    }

    /** The same body, marked as one OkHttp may send only once. */
    private static final class OneShot extends RequestBody {
        private final RequestBody body;

        OneShot(RequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return body.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            body.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
