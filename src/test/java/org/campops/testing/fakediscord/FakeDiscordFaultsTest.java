package org.campops.testing.fakediscord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.campops.testing.fakediscord.FakeDiscord.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.campops.testing.fakediscord.Faults.Injection;
import org.campops.testing.fakediscord.Faults.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Proves {@link Faults} and the nonce deduplication of {@link FakeDiscord} through the real JDA client and a plain
 * {@link HttpClient}, and pins down what JDA 6.5 does with each fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeDiscordFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENERAL_MESSAGES = "/channels/" + GENERAL_CHANNEL + "/messages";

    private FakeDiscord fake;
    private JDA jda;
    private final OwnMessages ownMessages = new OwnMessages();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger unique = new AtomicInteger();

    @BeforeAll
    void startBot() throws InterruptedException {
        fake = FakeDiscord.start();
        jda = fake.configure(JDABuilder.createDefault(DEFAULT_TOKEN))
                .enableIntents(
                        GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                .addEventListeners(ownMessages)
                .build()
                .awaitReady();
    }

    @AfterAll
    void stopBot() throws InterruptedException {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(10));
        }
        if (fake != null) {
            assertThat(fake.serverErrors()).isEmpty();
            fake.close();
        }
    }

    @BeforeEach
    void freshCounters() {
        fake.faults().resetCounters();
    }

    @AfterEach
    void clearFaults() {
        fake.faults().clear();
        fake.setNonceWindow(MessageLog.DEFAULT_NONCE_WINDOW);
    }

    // ================================================================ 5xx before the request is performed

    @Test
    void jdaDoesNotRetryA500_theApplicationRetryWithTheSameNonceCreatesOneMessage() throws Exception {
        String nonce = nonce("f500");
        fake.faults().failNext("POST", GENERAL_MESSAGES, 500, 1);

        Throwable failure = failureOf(general().sendMessage("once").setNonce(nonce));
        assertThat(failure).isInstanceOf(ErrorResponseException.class);
        assertThat(((ErrorResponseException) failure).getResponse().code).isEqualTo(500);
        assertThat(postsWithNonce(GENERAL_CHANNEL, nonce)).hasSize(1); // JDA sent it once: no retry of a 500
        assertThat(fake.messagesWithNonce(nonce)).isEmpty();
        assertThat(fake.faults().injections(Kind.FAIL))
                .singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(500))
                .satisfies(i -> assertThat(i.path()).isEqualTo(GENERAL_MESSAGES));

        Message sent = general().sendMessage("once").setNonce(nonce).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(fake.messagesWithNonce(nonce))
                .singleElement()
                .satisfies(m -> assertThat(m.get("id").asText()).isEqualTo(sent.getId()));
    }

    @Test
    void jdaRetries503And504ByItselfWithTheSameBody() throws Exception {
        fake.faults().failNext("POST", GENERAL_MESSAGES, 503, 1).failNext("POST", GENERAL_MESSAGES, 504, 1);
        String content = "retried-" + unique.incrementAndGet();

        Message sent = general().sendMessage(content).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<JsonNode> attempts =
                postsWith(GENERAL_CHANNEL, b -> content.equals(b.path("content").asText()));
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(b -> b.get("nonce").asText()).distinct())
                .hasSize(1);
        assertThat(fake.countMessagesBy(m -> content.equals(m.path("content").asText())))
                .isEqualTo(1);
        assertThat(fake.faults().injections(Kind.FAIL))
                .extracting(Injection::status)
                .containsExactly(503, 504);
        assertThat(sent.getContentRaw()).isEqualTo(content);
    }

    @Test
    void failRateIsReproducibleFromItsSeed() throws Exception {
        fake.faults().failRate("GET", "/users/@me", 503, 0.5, 42);
        Random expected = new Random(42);

        for (int i = 0; i < 20; i++) {
            int status = call("GET", "/users/@me", null).statusCode();
            assertThat(status).as("request %d", i).isEqualTo(expected.nextDouble() < 0.5 ? 503 : 200);
        }
        assertThat(fake.faults().injections(Kind.FAIL)).isNotEmpty().hasSizeLessThan(20);
    }

    @Test
    void clearStopsInjecting() throws Exception {
        fake.faults().failNext("GET", "/users/@me", 502, 5).resetNext(null, ".*", 3);
        assertThat(fake.faults().armed()).isEqualTo(8);

        fake.faults().clear();

        assertThat(fake.faults().armed()).isZero();
        assertThat(call("GET", "/users/@me", null).statusCode()).isEqualTo(200);
        assertThat(fake.faults().injections()).isEmpty();
    }

    // ================================================================ 5xx after the request was performed

    @Test
    void a502AfterCreateCreatesAndDispatches_aRetryWithoutNonceDuplicates() throws Exception {
        fake.faults().failNextAfterCreate("POST", GENERAL_MESSAGES, 502, 1);
        String content = "ambiguous-" + unique.incrementAndGet();
        String body = "{\"content\":\"" + content + "\"}";

        HttpResponse<String> first = call("POST", GENERAL_MESSAGES, body);

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(first.body()).path("message").asText()).isEqualTo("502: Bad Gateway");
        Message echoed =
                ownMessages.await(m -> content.equals(m.getContentRaw()), 1).get(0);
        assertThat(fake.createdMessagesIn(GENERAL_CHANNEL))
                .anySatisfy(m -> assertThat(m.get("id").asText()).isEqualTo(echoed.getId()));
        assertThat(fake.faults().injections(Kind.FAIL_AFTER_CREATE))
                .singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(502));

        assertThat(call("POST", GENERAL_MESSAGES, body).statusCode()).isEqualTo(200);
        assertThat(fake.countMessagesBy(m -> content.equals(m.path("content").asText())))
                .isEqualTo(2);
    }

    @Test
    void a502AfterCreateIsRetriedByJdaWithTheSameNonce_oneMessageOneEvent() throws Exception {
        fake.faults().failNextAfterCreate("POST", GENERAL_MESSAGES, 502, 1);
        String content = "exactly-once-" + unique.incrementAndGet();

        Message sent = general().sendMessage(content).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<JsonNode> attempts =
                postsWith(GENERAL_CHANNEL, b -> content.equals(b.path("content").asText()));
        assertThat(attempts).hasSize(2);
        String nonce = attempts.get(0).get("nonce").asText();
        assertThat(attempts.get(1).get("nonce").asText()).isEqualTo(nonce);
        assertThat(attempts.get(0).get("enforce_nonce").asBoolean()).isTrue();
        assertThat(fake.messagesWithNonce(nonce))
                .singleElement()
                .satisfies(m -> assertThat(m.get("id").asText()).isEqualTo(sent.getId()));
        assertOneEventThenSentinel(content);
    }

    // ================================================================ 429

    @Test
    void anInjected429CarriesDiscordsBodyAndHeaders() throws Exception {
        fake.faults().rateLimitNext("GET", "/users/@me", 1, 0.25);

        HttpResponse<String> limited = call("GET", "/users/@me", null);

        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = JSON.readTree(limited.body());
        assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
        assertThat(body.get("retry_after").asDouble()).isEqualTo(0.25);
        assertThat(body.get("global").asBoolean()).isFalse();
        assertThat(header(limited, "Retry-After")).isEqualTo("1");
        assertThat(header(limited, "X-RateLimit-Scope")).isEqualTo("user");
        assertThat(header(limited, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(limited, "X-RateLimit-Reset-After")).isEqualTo("0.250");
        assertThat(header(limited, "X-RateLimit-Limit")).isEqualTo("50");
        assertThat(Double.parseDouble(header(limited, "X-RateLimit-Reset")) * 1000)
                .isGreaterThan(System.currentTimeMillis() - 1000.0);
        assertThat(header(limited, "X-RateLimit-Global")).isNull();
        assertThat(header(limited, "Via")).isNotNull();

        HttpResponse<String> next = call("GET", "/users/@me", null);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(header(next, "X-RateLimit-Bucket")).isEqualTo(header(limited, "X-RateLimit-Bucket"));
        assertThat(fake.faults().routeRateLimited()).isEqualTo(1);
        assertThat(fake.faults().injections(Kind.RATE_LIMIT))
                .singleElement()
                .satisfies(i -> assertThat(i.retryAfter()).isEqualTo(0.25));
    }

    @Test
    void jdaWaitsRetryAfterOnAPerRoute429AndThenSendsOnce() throws Exception {
        fake.faults().rateLimitNext("POST", GENERAL_MESSAGES, 1, 1.0);
        String content = "patient-" + unique.incrementAndGet();

        Message sent = general().sendMessage(content).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long doneAt = System.nanoTime();

        Injection limited = fake.faults().injections(Kind.RATE_LIMIT).get(0);
        assertThat(Duration.ofNanos(doneAt - limited.nanoTime())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(postsWith(
                        GENERAL_CHANNEL, b -> content.equals(b.path("content").asText())))
                .hasSize(2);
        assertThat(fake.countMessagesBy(m -> m.path("id").asText().equals(sent.getId())))
                .isEqualTo(1);
        assertThat(fake.faults().routeRateLimited()).isEqualTo(1);
    }

    @Test
    void successfulAnswersCarryBucketHeadersPerRouteAndMajorParameter() throws Exception {
        HttpResponse<String> a1 = call("POST", GENERAL_MESSAGES, "{\"content\":\"h1\"}");
        HttpResponse<String> a2 = call("POST", GENERAL_MESSAGES, "{\"content\":\"h2\"}");
        HttpResponse<String> other = call("POST", "/channels/" + QA_TEXT_CHANNEL + "/messages", "{\"content\":\"h3\"}");
        HttpResponse<String> me = call("GET", "/users/@me", null);

        for (HttpResponse<String> r : List.of(a1, a2, other, me)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "X-RateLimit-Limit")).isEqualTo("50");
            assertThat(Double.parseDouble(header(r, "X-RateLimit-Reset-After"))).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(header(r, "X-RateLimit-Reset")) * 1000)
                    .isGreaterThan(System.currentTimeMillis() - 1000.0);
            assertThat(header(r, "X-RateLimit-Bucket")).matches("[0-9a-f]{32}");
        }
        int remaining1 = Integer.parseInt(header(a1, "X-RateLimit-Remaining"));
        int remaining2 = Integer.parseInt(header(a2, "X-RateLimit-Remaining"));
        assertThat(remaining1).isLessThan(50).isPositive();
        if (Double.parseDouble(header(a2, "X-RateLimit-Reset-After"))
                < Double.parseDouble(header(a1, "X-RateLimit-Reset-After"))) { // same window
            assertThat(remaining2).isEqualTo(remaining1 - 1);
        }
        // same route template, other channel: same hash, own counter; other route: other hash
        assertThat(header(other, "X-RateLimit-Bucket")).isEqualTo(header(a1, "X-RateLimit-Bucket"));
        assertThat(header(me, "X-RateLimit-Bucket")).isNotEqualTo(header(a1, "X-RateLimit-Bucket"));
        assertThat(Faults.routeKey("POST", "/channels/1/messages/2/reactions/%F0%9F%91%8D/@me"))
                .containsExactly("POST /channels/{channels}/messages/{id}/reactions/{emoji}/@me", "channels=1");
    }

    @Test
    void jdaPacesItselfByTheBucketHeadersAndNeverHitsTheRouteLimit() throws Exception {
        fake.faults().routeLimit(5, Duration.ofMillis(400));
        // JDA may still believe in a bigger bucket from earlier tests; one answer teaches it the new size
        general().sendMessage("learn the bucket").submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String prefix = "paced-" + unique.incrementAndGet() + "-";
        long start = System.nanoTime();

        List<CompletableFuture<Message>> sends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sends.add(general().sendMessage(prefix + i).submit());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // 1 + 12 requests through a 5-per-400-ms bucket: JDA held its queue for two resets and never got a 429
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(fake.faults().routeRateLimited()).isZero();
        assertThat(fake.countMessagesBy(m -> m.path("content").asText().startsWith(prefix)))
                .isEqualTo(12);
    }

    @Test
    void anExhaustedBucketAnswersARouteScoped429() throws Exception {
        AtomicLong clock = new AtomicLong();
        fake.faults().useClock(clock::get);
        try {
            fake.faults().routeLimit(2, Duration.ofSeconds(1));
            assertThat(header(call("GET", "/users/@me", null), "X-RateLimit-Remaining"))
                    .isEqualTo("1");
            assertThat(header(call("GET", "/users/@me", null), "X-RateLimit-Remaining"))
                    .isEqualTo("0");

            HttpResponse<String> limited = call("GET", "/users/@me", null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(header(limited, "X-RateLimit-Scope")).isEqualTo("user");
            assertThat(JSON.readTree(limited.body()).get("retry_after").asDouble())
                    .isEqualTo(1.0);
            assertThat(fake.faults().injections(Kind.ROUTE_LIMIT)).hasSize(1);

            clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
            assertThat(call("GET", "/users/@me", null).statusCode()).isEqualTo(200);
        } finally {
            fake.faults().useClock(System::nanoTime);
        }
    }

    // ================================================================ global limit

    @Test
    void aboveFiftyRequestsPerRollingSecondTheFakeAnswersGlobal429s_interactionEndpointsExempt() throws Exception {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        fake.faults().useClock(clock::get);
        try {
            fake.faults().enforceGlobalLimit(50);
            for (int i = 0; i < 50; i++) {
                assertThat(call("GET", i % 2 == 0 ? "/users/@me" : "/gateway/bot", null)
                                .statusCode())
                        .as("request %d", i)
                        .isEqualTo(200);
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10)); // 50 requests over 490 ms
            }

            HttpResponse<String> limited = call("GET", "/users/@me", null);

            assertThat(limited.statusCode()).isEqualTo(429);
            JsonNode body = JSON.readTree(limited.body());
            assertThat(body.get("global").asBoolean()).isTrue();
            assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
            assertThat(body.get("retry_after").asDouble()).isEqualTo(0.5); // until the first of the 50 is a second old
            assertThat(header(limited, "X-RateLimit-Global")).isEqualTo("true");
            assertThat(header(limited, "X-RateLimit-Scope")).isEqualTo("global");
            assertThat(header(limited, "Retry-After")).isEqualTo("1");

            // interaction endpoints do not count and are not limited (unknown ids: 404, but not 429)
            assertThat(call("POST", "/interactions/1/tok/callback", "{\"type\":1}")
                            .statusCode())
                    .isNotEqualTo(429);
            assertThat(call("POST", "/webhooks/" + BOT_ID + "/tok", "{\"content\":\"x\"}")
                            .statusCode())
                    .isNotEqualTo(429);

            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // the first request leaves the rolling second
            assertThat(call("GET", "/users/@me", null).statusCode()).isEqualTo(200);
            assertThat(call("GET", "/users/@me", null).statusCode()).isEqualTo(429); // the second one has not

            assertThat(fake.faults().totalRequests()).isEqualTo(55);
            assertThat(fake.faults().globalRateLimited()).isEqualTo(2);
            assertThat(fake.faults().routeRateLimited()).isZero();
            assertThat(fake.faults().rateLimited()).isEqualTo(2);
            assertThat(fake.faults().injections(Kind.GLOBAL_LIMIT)).hasSize(2);
        } finally {
            fake.faults().useClock(System::nanoTime);
        }
    }

    @Test
    void jdaBacksOffOnGlobal429sAndDeliversEveryMessageOnce() throws Exception {
        fake.faults().enforceGlobalLimit(50);
        String prefix = "burst-" + unique.incrementAndGet() + "-";
        List<String> channels =
                List.of(GENERAL_CHANNEL, QA_TEXT_CHANNEL, MENTORS_CHANNEL, ORGANIZERS_CHANNEL, ANNOUNCEMENTS_CHANNEL);

        List<CompletableFuture<Message>> sends = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, channels.get(i % 5));
            sends.add(channel.sendMessage(prefix + i).submit());
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);

        Predicate<JsonNode> burst = m -> m.path("content").asText().startsWith(prefix);
        assertThat(fake.countMessagesBy(burst)).isEqualTo(150);
        assertThat(fake.createdMessageCountsByChannel().keySet()).containsAll(channels);
        for (String channel : channels) {
            assertThat(fake.createdMessagesIn(channel).stream().filter(burst)).hasSize(30);
        }
        long global429 = fake.faults().globalRateLimited();
        assertThat(global429).isPositive();
        // JDA paused all buckets for Retry-After after each global 429 instead of hammering: only the requests
        // already on their way when a 429 came back (at most one per bucket) are refused again.
        assertThat(global429).isLessThan(40);
        assertThat(fake.faults().routeRateLimited()).isZero();
    }

    // ================================================================ connection resets

    @Test
    void aResetSurfacesAsAnIOExceptionInAPlainClient_andTheRequestWasNotPerformed() throws Exception {
        fake.faults().resetNext("POST", GENERAL_MESSAGES, 1);
        String content = "never-" + unique.incrementAndGet();

        Throwable failure = catchThrowable(() -> call("POST", GENERAL_MESSAGES, "{\"content\":\"" + content + "\"}"));

        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(fake.faults().injections(Kind.RESET)).hasSize(1);
        assertThat(fake.countMessagesBy(m -> content.equals(m.path("content").asText())))
                .isZero();
        assertThat(call("GET", "/users/@me", null).statusCode()).isEqualTo(200); // the server is fine
    }

    @Test
    void okHttpUnderJdaResendsOnceWhenAPooledConnectionIsReset() throws Exception {
        general().sendMessage("warm-up").submit().get(WAIT.toSeconds(), TimeUnit.SECONDS); // an idle pooled connection
        fake.faults().resetNext("POST", GENERAL_MESSAGES, 1);
        String content = "resent-" + unique.incrementAndGet();

        Message sent = general().sendMessage(content).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(fake.faults().injections(Kind.RESET)).hasSize(1);
        assertThat(postsWith(
                        GENERAL_CHANNEL, b -> content.equals(b.path("content").asText())))
                .hasSize(2);
        assertThat(fake.countMessagesBy(m -> m.path("id").asText().equals(sent.getId())))
                .isEqualTo(1);
    }

    @Test
    void resetsOnEveryAttemptReachJdaAsAnIOExceptionWhichItDoesNotRetry() throws Exception {
        fake.faults().resetNext("POST", GENERAL_MESSAGES, 50);
        String content = "dropped-" + unique.incrementAndGet();

        Throwable failure = failureOf(general().sendMessage(content));

        assertThat(causes(failure))
                .anySatisfy(c ->
                        assertThat(c).isInstanceOf(IOException.class).hasMessageContaining("unexpected end of stream"));
        int attempts = postsWith(
                        GENERAL_CHANNEL, b -> content.equals(b.path("content").asText()))
                .size();
        assertThat(fake.faults().injections(Kind.RESET)).hasSize(attempts);
        assertThat(fake.faults().armed()).isEqualTo(50 - attempts); // OkHttp gave up on a fresh connection
        assertThat(fake.countMessagesBy(m -> content.equals(m.path("content").asText())))
                .isZero();
    }

    @Test
    void aResetAfterCreateIsResentWithTheSameNonceAndDeduplicated() throws Exception {
        general().sendMessage("warm-up").submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        fake.faults().resetAfterCreate("POST", GENERAL_MESSAGES, 1);
        String content = "reset-after-" + unique.incrementAndGet();

        Message sent = general().sendMessage(content).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(fake.faults().injections(Kind.RESET_AFTER_CREATE)).hasSize(1);
        List<JsonNode> attempts =
                postsWith(GENERAL_CHANNEL, b -> content.equals(b.path("content").asText()));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).get("nonce")).isEqualTo(attempts.get(0).get("nonce"));
        assertThat(fake.countMessagesBy(m -> content.equals(m.path("content").asText())))
                .isEqualTo(1);
        assertThat(fake.createdMessagesIn(GENERAL_CHANNEL))
                .anySatisfy(m -> assertThat(m.get("id").asText()).isEqualTo(sent.getId()));
        assertOneEventThenSentinel(content);
    }

    @Test
    void aResetAfterCreateInAPlainClientLeavesTheMessageCreatedAndDispatched() throws Exception {
        fake.faults().resetAfterCreate("POST", GENERAL_MESSAGES, 1);
        String content = "created-unseen-" + unique.incrementAndGet();

        Throwable failure = catchThrowable(() -> call("POST", GENERAL_MESSAGES, "{\"content\":\"" + content + "\"}"));

        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(fake.awaitCreatedMessages(
                        m -> content.equals(m.path("content").asText()), 1, WAIT))
                .hasSize(1);
        assertThat(ownMessages.await(m -> content.equals(m.getContentRaw()), 1)).hasSize(1);
    }

    // ================================================================ nonce deduplication

    @Test
    void jdaSendsTheApplicationNonceWithEnforceNonce() throws Exception {
        String nonce = nonce("sent");
        general().sendMessage("with nonce").setNonce(nonce).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        general().sendMessage("without nonce").submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        JsonNode explicit = postsWithNonce(GENERAL_CHANNEL, nonce).get(0);
        assertThat(explicit.get("nonce").isTextual()).isTrue();
        assertThat(explicit.get("enforce_nonce").asBoolean()).isTrue();
        JsonNode random = postsWith(
                        GENERAL_CHANNEL,
                        b -> "without nonce".equals(b.path("content").asText()))
                .get(0);
        assertThat(random.get("nonce").asText()).matches("\\d+"); // JDA: a random unsigned long per queue()
        assertThat(random.get("enforce_nonce").asBoolean()).isTrue();
    }

    @Test
    void theSameNonceReturnsTheEarlierMessage_nothingCreatedNothingDispatched() throws Exception {
        String nonce = nonce("dup");
        String content = "dedup-" + unique.incrementAndGet();

        Message first = general().sendMessage(content).setNonce(nonce).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Message second = general()
                .sendMessage(content + " again")
                .setNonce(nonce)
                .submit()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(second.getContentRaw()).isEqualTo(content); // the earlier message, as it was created
        assertThat(postsWithNonce(GENERAL_CHANNEL, nonce)).hasSize(2);
        assertThat(fake.messagesWithNonce(nonce)).singleElement();
        assertOneEventThenSentinel(content);

        // another channel is another key
        Message elsewhere = jda.getTextChannelById(QA_TEXT_CHANNEL)
                .sendMessage(content)
                .setNonce(nonce)
                .submit()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(elsewhere.getId()).isNotEqualTo(first.getId());
        assertThat(fake.messagesWithNonce(nonce)).hasSize(2);
    }

    @Test
    void dmsAreDeduplicatedAndCountedPerDmChannel() throws Exception {
        String nonce = nonce("dm");
        String dmChannel = dmChannelOf(CAMPER2_ID);
        long before = fake.createdMessageCountsByChannel().getOrDefault(dmChannel, 0L);

        Message a = jda.openPrivateChannelById(CAMPER2_ID)
                .flatMap(ch -> ch.sendMessage("dm once").setNonce(nonce))
                .submit()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Message b = jda.openPrivateChannelById(CAMPER2_ID)
                .flatMap(ch -> ch.sendMessage("dm once").setNonce(nonce))
                .submit()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(b.getId()).isEqualTo(a.getId());
        assertThat(fake.createdMessageCountsByChannel()).containsEntry(dmChannel, before + 1);
        assertThat(fake.createdMessagesIn(dmChannel))
                .filteredOn(m -> nonce.equals(m.path("nonce").asText()))
                .singleElement();
    }

    @Test
    void plainRequestsShowTheRulesOfEnforceNonce() throws Exception {
        String nonce = nonce("plain");
        String enforced = "{\"content\":\"p\",\"nonce\":\"" + nonce + "\",\"enforce_nonce\":true}";

        JsonNode first = JSON.readTree(call("POST", GENERAL_MESSAGES, enforced).body());
        HttpResponse<String> again = call("POST", GENERAL_MESSAGES, enforced);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("id")).isEqualTo(first.get("id"));
        assertThat(fake.messagesWithNonce(nonce)).hasSize(1);

        // without enforce_nonce the nonce is only echoed: a new message
        call("POST", GENERAL_MESSAGES, "{\"content\":\"p\",\"nonce\":\"" + nonce + "\"}");
        assertThat(fake.messagesWithNonce(nonce)).hasSize(2);

        // an earlier message deleted since is not re-created: Unknown Message, as Discord answers
        String other = nonce("deleted");
        String body = "{\"content\":\"d\",\"nonce\":\"" + other + "\",\"enforce_nonce\":true}";
        String id = JSON.readTree(call("POST", GENERAL_MESSAGES, body).body())
                .get("id")
                .asText();
        assertThat(call("DELETE", GENERAL_MESSAGES + "/" + id, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> afterDelete = call("POST", GENERAL_MESSAGES, body);
        assertThat(afterDelete.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(afterDelete.body()).get("code").asInt()).isEqualTo(10008);

        // outside the window the nonce is forgotten
        fake.setNonceWindow(Duration.ZERO);
        String third = JSON.readTree(call("POST", GENERAL_MESSAGES, enforced).body())
                .get("id")
                .asText();
        assertThat(third).isNotEqualTo(first.get("id").asText());
        assertThat(fake.messagesWithNonce(nonce)).hasSize(3);
    }

    @Test
    void jdaSendsNoNonceWithAForumPost_whichDiscordsSchemaDoesNotHave() throws Exception {
        ForumChannel forum = jda.getForumChannelById(QA_FORUM_CHANNEL);
        forum.createForumPost("nonce?", MessageCreateData.fromContent("forum body"))
                .submit()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        JsonNode body = fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads").stream()
                .map(RecordedRequest::jsonBody)
                .filter(b -> "nonce?".equals(b.path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(body.path("message").has("content")).isTrue();
        assertThat(body.path("message").has("nonce")).isFalse();
        assertThat(body.path("message").has("enforce_nonce")).isFalse();
    }

    // ================================================================ helpers

    private GuildMessageChannel general() {
        return jda.getTextChannelById(GENERAL_CHANNEL);
    }

    private String nonce(String kind) {
        return kind + "-" + unique.incrementAndGet(); // at most 25 characters
    }

    /** JSON bodies POSTed to a channel's messages route that match. */
    private List<JsonNode> postsWith(String channelId, Predicate<JsonNode> predicate) {
        return fake.requests("POST", "/channels/" + Pattern.quote(channelId) + "/messages").stream()
                .map(RecordedRequest::jsonBody)
                .filter(predicate)
                .toList();
    }

    private List<JsonNode> postsWithNonce(String channelId, String nonce) {
        return postsWith(channelId, b -> nonce.equals(b.path("nonce").asText()));
    }

    private static Throwable failureOf(RestAction<?> action) throws InterruptedException, TimeoutException {
        try {
            action.submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the action to fail");
    }

    /** The throwable and its causes (JDA puts a {@code ContextException} at the end of the chain). */
    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    /**
     * Exactly one MESSAGE_CREATE for {@code content}: waits for it, then sends a sentinel and waits for that one.
     * Gateway events arrive in order, so a second event for {@code content} would have come before the sentinel.
     */
    private void assertOneEventThenSentinel(String content) throws Exception {
        ownMessages.await(m -> content.equals(m.getContentRaw()), 1);
        String sentinel = "sentinel-" + unique.incrementAndGet();
        general().sendMessage(sentinel).submit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ownMessages.await(m -> sentinel.equals(m.getContentRaw()), 1);
        assertThat(ownMessages.matching(m -> content.equals(m.getContentRaw()))).hasSize(1);
    }

    private HttpResponse<String> call(String method, String path, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.restBaseUrl() + path.substring(1)))
                .timeout(WAIT)
                .header("Authorization", "Bot " + DEFAULT_TOKEN);
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The bot's own messages as JDA received them from the gateway (MESSAGE_CREATE). */
    private static final class OwnMessages extends ListenerAdapter {
        private final List<Message> received = new ArrayList<>();

        @Override
        public void onMessageReceived(MessageReceivedEvent event) {
            if (event.getAuthor().getId().equals(BOT_ID)) {
                synchronized (this) {
                    received.add(event.getMessage());
                    notifyAll();
                }
            }
        }

        synchronized List<Message> matching(Predicate<Message> predicate) {
            return received.stream().filter(predicate).collect(Collectors.toList());
        }

        /** Waits (woken by each event) until {@code count} received messages match. */
        synchronized List<Message> await(Predicate<Message> predicate, int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (matching(predicate).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out waiting for " + count + " gateway message(s)");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return matching(predicate);
        }
    }
}
