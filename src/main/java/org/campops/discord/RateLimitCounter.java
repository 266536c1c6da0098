package org.campops.discord;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts Discord's 429 answers (metrics). JDA waits and sends such a request again by itself, so most 429s
 * never reach the outbox; this sees every one, whatever the request.
 */
final class RateLimitCounter implements Interceptor {
    private final AtomicLong seen = new AtomicLong();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 429) {
            seen.incrementAndGet();
        }
        return response;
    }

    long seen() {
        return seen.get();
    }
}
