package org.campops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The calendar feeds' per-address token buckets, on a controlled clock. */
class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(double s) {
        now.addAndGet((long) (s * TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void aFullBucketThenOneRequestBackPerInterval() {
        RateLimiter limiter = new RateLimiter(6, 100, now::get); // one request back every 10 s
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.take("203.0.113.7").allowed()).as("request " + i).isTrue();
        }
        RateLimiter.Decision refused = limiter.take("203.0.113.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
        advanceSeconds(4);
        assertThat(limiter.take("203.0.113.7").retryAfterSeconds()).isEqualTo(6);
        // Another address has a bucket of its own.
        assertThat(limiter.take("198.51.100.1").allowed()).isTrue();
        advanceSeconds(6);
        assertThat(limiter.take("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.take("203.0.113.7").allowed()).isFalse();
        // A long pause fills the bucket, never beyond its size.
        advanceSeconds(3600);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.take("203.0.113.7").allowed()).isTrue();
        }
        assertThat(limiter.take("203.0.113.7").allowed()).isFalse();
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        RateLimiter limiter = new RateLimiter(600, 100, now::get); // one back every 0.1 s
        for (int i = 0; i < 600; i++) {
            limiter.take("203.0.113.7");
        }
        RateLimiter.Decision d = limiter.take("203.0.113.7");
        assertThat(d.allowed()).isFalse();
        assertThat(d.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        RateLimiter limiter = new RateLimiter(1, 1000, now::get);
        for (int i = 0; i < 50_000; i++) {
            limiter.take("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(limiter.clients()).isEqualTo(1000);
        // The most recent addresses are still limited; the least recently seen were forgotten.
        assertThat(limiter.take("10.0.195.79").allowed()).isFalse();
        assertThat(limiter.take("10.0.0.0").allowed()).isTrue();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        RateLimiter limiter = new RateLimiter(2, 100, now::get);
        assertThat(limiter.take("2001:db8:1:2::1").allowed()).isTrue();
        assertThat(limiter.take("2001:db8:1:2:ffff::9").allowed()).isTrue();
        assertThat(limiter.take("2001:db8:1:2:abcd:1:2:3").allowed()).isFalse();
        assertThat(limiter.take("2001:db8:1:3::1").allowed()).isTrue();
        assertThat(RateLimiter.client("[::1]")).isEqualTo(RateLimiter.client("0:0:0:0:0:0:0:1"));
        assertThat(RateLimiter.client("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
