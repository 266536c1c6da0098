package org.campops.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.campops.chat.ButtonId;
import org.campops.chat.Caller;
import org.campops.chat.ChatMessage;
import org.campops.chat.Notifier;
import org.campops.chat.Role;
import org.campops.chat.UserError;
import org.campops.delivery.Dispatcher;
import org.campops.delivery.Outbox;
import org.campops.qa.search.QuestionIndex;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Q&A service with a scripted transport: asking, drafts, a failed post, thread recording, resolving. */
class QaServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Dispatcher.Settings FAST = new Dispatcher.Settings(
            2, 1000, Duration.ofMillis(50), Duration.ofSeconds(30), 3, Duration.ofMillis(10), Duration.ofMillis(50));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
    private final Caller camper = new Caller("c1", "Minji", Set.of(Role.CAMPER));
    private final Caller mentor = new Caller("m1", "Kim", Set.of(Role.MENTOR));
    private final AtomicInteger threads = new AtomicInteger();
    private Database db;
    private QuestionIndex index;
    private Notifier transport;
    private Dispatcher dispatcher;
    private QaService qa;

    @BeforeEach
    void setUp() {
        db = Database.open(TestConfig.memoryDb(), 8);
        index = new QuestionIndex();
        Outbox outbox = new Outbox(db, Clock());
        transport = mock(Notifier.class);
        when(transport.startThread(anyString(), anyString(), any(), anyList(), anyString()))
                .thenAnswer(inv -> {
                    String id = "t" + threads.incrementAndGet();
                    return new Notifier.StartedThread(id, id, "m" + id);
                });
        dispatcher = new Dispatcher(db, outbox, transport, Clock(), FAST);
        qa = new QaService(db, index, outbox, clock, TestConfig.load());
        dispatcher.start();
    }

    private static java.time.Clock Clock() {
        return java.time.Clock.systemUTC();
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        index.close();
        db.close();
    }

    private QaService.AskRequest ask(String title) {
        return new QaService.AskRequest(camper, false, "Object Detection", title, "details", Locale.ENGLISH);
    }

    private List<String> column(String sql) {
        return db.inTransaction(
                c -> c.select(sql).map(r -> r.getColumn(1, String.class)).list());
    }

    @Test
    void aQuestionIsStoredWithItsPostQueuedAndASimilarOneWaitsAsTheAskersDraft() throws Exception {
        QaService.AskOutcome first = qa.ask(ask("Faster R-CNN CUDA out of memory on a T4"));
        assertThat(first).isInstanceOf(QaService.AskOutcome.Posted.class);
        assertThat(dispatcher.drain(WAIT)).isZero();
        assertThat(column("SELECT thread_id FROM question")).containsExactly("t1");
        assertThat(column("SELECT delivery_key || ' ' || status FROM outbox")).containsExactly("qa:1:post SENT");

        QaService.AskOutcome second = qa.ask(ask("CUDA out of memory with Faster R-CNN on T4"));
        assertThat(second)
                .isInstanceOfSatisfying(
                        QaService.AskOutcome.Similar.class,
                        s -> assertThat(s.similar()).extracting(Question::id).containsExactly(1L));
        long draft = ((QaService.AskOutcome.Similar) second).draftId();
        assertThatThrownBy(() -> qa.postDraft(draft, "someone-else")).isInstanceOf(ButtonId.Invalid.class);
        assertThat(qa.postDraft(draft, camper.userId()).question().id()).isEqualTo(2);
        assertThatThrownBy(() -> qa.dropDraft(draft, camper.userId())).isInstanceOf(ButtonId.Invalid.class);
        assertThat(column("SELECT COUNT(*) FROM question")).containsExactly("2");
    }

    @Test
    void aPostDiscordRefusesForGoodRemovesItsQuestionAndTellsTheAsker() {
        when(transport.startThread(anyString(), anyString(), any(), anyList(), anyString()))
                .thenThrow(new Notifier.DeliveryFailure(true, "Missing Access", null));
        assertThatThrownBy(() -> qa.ask(ask("Why is my mAP zero?")))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.key()).isEqualTo("qa.error.postFailed"));
        assertThat(column("SELECT COUNT(*) FROM question")).containsExactly("0");
        assertThat(column("SELECT status FROM outbox")).containsExactly("FAILED");
    }

    @Test
    void repliesInTheThreadAreRecordedEditedAndDeletedAndResolvingNeedsTheAskerOrAMentor() throws Exception {
        qa.ask(ask("Mask R-CNN loss is NaN after a few iterations"));
        assertThat(dispatcher.drain(WAIT)).isZero();
        clock.set(clock.instant().plus(Duration.ofMinutes(30)));
        qa.threads()
                .onMessage(new ChatMessage(
                        "r1", "t1", "c2", "Jisoo", EnumSet.of(Role.CAMPER), false, "lower the lr?", clock.instant()));
        qa.threads()
                .onMessage(new ChatMessage(
                        "r2", "t1", "m1", "Kim", EnumSet.of(Role.MENTOR), false, "clip gradients", clock.instant()));
        qa.threads()
                .onMessage(new ChatMessage(
                        "r2", "t1", "m1", "Kim", EnumSet.of(Role.MENTOR), false, "clip gradients", clock.instant()));
        qa.threads()
                .onMessage(new ChatMessage(
                        "x", "elsewhere", "m1", "Kim", EnumSet.of(Role.MENTOR), false, "hi", clock.instant()));
        qa.threads()
                .onEdit(new ChatMessage(
                        "r1",
                        "t1",
                        "c2",
                        "Jisoo",
                        EnumSet.of(Role.CAMPER),
                        false,
                        "lower the learning rate",
                        clock.instant()));
        qa.threads().onDelete("t1", "r1");
        assertThat(column(
                        "SELECT message_id || ':' || text || ':' || (deleted_at IS NOT NULL) FROM answer ORDER BY id"))
                .containsExactly("r1:lower the learning rate:TRUE", "r2:clip gradients:FALSE");
        assertThat(column("SELECT first_mentor_id FROM question")).containsExactly("m1");

        assertThatThrownBy(() -> qa.resolveInThread("t1", new Caller("c9", "Other", Set.of(Role.CAMPER))))
                .isInstanceOf(UserError.class);
        assertThat(qa.resolveInThread("t1", mentor).answered()).isTrue();
        assertThat(qa.search("NaN loss", 5)).extracting(f -> f.question().id()).containsExactly(1L);
    }
}
