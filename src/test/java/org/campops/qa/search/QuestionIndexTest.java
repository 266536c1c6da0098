package org.campops.qa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuestionIndexTest {

    private QuestionIndex index;

    @BeforeEach
    void setUp() {
        index = new QuestionIndex();
        List<IndexedQuestion> all = new ArrayList<>(EvalCorpus.questions());
        all.add(EvalCorpus.q(
                101, "general", false, false, "학습률이 너무 높으면 loss가 발산하나요?", "warmup 없이 0.1로 시작했더니 첫 배치부터 값이 튑니다."));
        all.add(EvalCorpus.q(
                102, "python", false, false, "batch_size를 바꾸면 결과가 달라지는 이유", "같은 seed인데도 batch_size에 따라 정확도가 다릅니다."));
        all.add(EvalCorpus.q(
                103,
                "python",
                true,
                false,
                "unit test에서 랜덤 시드 고정하는 법",
                "Write deterministic tests for the augmentation pipeline."));
        index.rebuild(all);
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    private List<Long> ids(String query) {
        return ids(query, null);
    }

    private List<Long> ids(String query, String topic) {
        return index.search(query, 10, topic).stream().map(SearchHit::id).toList();
    }

    // --- Korean particles, endings and spacing -------------------------------------------------------

    @Test
    void particlesDoNotMatter() {
        // 데이터셋을 vs 데이터셋이 (question 2); 학습률을 vs 학습률이 (question 101), 학습률을 (question 4)
        assertThat(ids("데이터셋을")).contains(2L);
        assertThat(ids("데이터셋을 로딩하면 느려요")).first().isEqualTo(2L);
        assertThat(ids("학습률을")).contains(101L, 4L);
        assertThat(ids("학습률이")).contains(101L, 4L);
        assertThat(ids("학습률은 발산")).first().isEqualTo(101L);
        // verb endings: 느립니다 / 느려요 are different surface forms, the nouns carry the match
        assertThat(ids("데이터셋 로딩이 느려서")).first().isEqualTo(2L);
    }

    @Test
    void spacingOfCompoundsDoesNotMatter() {
        // question 5 is written "단위테스트", question 40 "단위 테스트"
        assertThat(ids("단위테스트")).contains(5L, 40L);
        assertThat(ids("단위 테스트")).contains(5L, 40L);
        assertThat(ids("하이퍼 파라미터")).first().isEqualTo(28L);
        assertThat(ids("앵커박스")).first().isEqualTo(14L);
    }

    // --- English terms and mixed queries --------------------------------------------------------------

    @Test
    void englishTermsAreCaseInsensitive() {
        assertThat(ids("MAP")).contains(3L, 19L, 22L);
        assertThat(ids("map iou")).first().isEqualTo(3L);
        assertThat(ids("fpn")).first().isEqualTo(6L);
        assertThat(ids("Cuda Out Of Memory")).first().isEqualTo(1L);
        assertThat(ids("oom")).contains(1L, 23L);
        assertThat(ids("BATCH_SIZE")).contains(102L, 1L);
        assertThat(ids("batch size")).contains(102L, 23L);
        assertThat(ids("faster rcnn")).contains(1L, 21L);
    }

    @Test
    void mixedLanguageQueriesFindBothScripts() {
        assertThat(ids("Faster R-CNN 메모리 부족")).first().isEqualTo(1L);
        assertThat(ids("mAP 계산할때 IoU를 몇으로")).first().isEqualTo(3L);
        assertThat(ids("FPN feature map 크기를 맞추려면")).first().isEqualTo(6L);
        // synonym concepts bridge the languages
        assertThat(ids("overfitting")).first().isEqualTo(11L);
        assertThat(ids("오버피팅")).first().isEqualTo(11L);
        // both talk about the learning rate; 4 (학습률, 초기값) and 32 ("Learning rate scheduler") lead
        assertThat(ids("learning rate 초기값").subList(0, 2)).containsExactlyInAnyOrder(4L, 32L);
        assertThat(ids("OOM 에러 해결")).contains(1L, 23L);
        assertThat(ids("unit test 작성")).contains(5L, 103L);
    }

    // --- topic filter ------------------------------------------------------------------------------------

    @Test
    void topicFilterKeepsOnlyThatTopic() {
        List<SearchHit> all = index.search("loss", 20, null);
        assertThat(all).extracting(SearchHit::id).contains(8L, 11L, 13L);

        List<Long> seg = ids("loss", "seg");
        assertThat(seg).containsExactly(8L);
        assertThat(ids("loss", " SEG ")).containsExactly(8L);
        assertThat(ids("loss", "no-such-topic")).isEmpty();
        assertThat(ids("loss", "  ")).containsAll(List.of(8L, 11L, 13L)); // blank = no filter
    }

    // --- ranking ---------------------------------------------------------------------------------------

    @Test
    void answeredAndEndorsedRankAboveEquallyRelevantOpenQuestions() {
        String title = "Cascade R-CNN 학습이 수렴하지 않아요";
        String details = "stage 별 IoU를 0.5 0.6 0.7로 두었습니다.";
        try (QuestionIndex idx = new QuestionIndex()) {
            // the open one is added first, so without the prior it would win the BM25 tie on doc order
            idx.rebuild(List.of(
                    new IndexedQuestion(1, title, details, List.of(), "od", false, false, Instant.EPOCH),
                    new IndexedQuestion(2, title, details, List.of(), "od", true, false, Instant.EPOCH),
                    new IndexedQuestion(3, title, details, List.of(), "od", true, true, Instant.EPOCH),
                    new IndexedQuestion(4, "어그멘테이션 질문", "mosaic", List.of(), "od", false, false, Instant.EPOCH)));
            List<SearchHit> hits = idx.search("cascade rcnn 수렴", 10, null);
            assertThat(hits).extracting(SearchHit::id).containsExactly(3L, 2L, 1L);
            assertThat(hits.get(1).score() / hits.get(2).score())
                    .isCloseTo(RankedSearch.ANSWERED_PRIOR, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void priorDoesNotLetAWeakEndorsedMatchBeatAStrongOpenOne() {
        // question 6 (open) is about FPN feature maps; question 3 (answered + endorsed) only shares "map"
        assertThat(ids("FPN feature map 크기")).first().isEqualTo(6L);
    }

    // --- writes ----------------------------------------------------------------------------------------

    @Test
    void upsertReplacesTheOldText() {
        int size = IndexProbe.size(index);
        index.upsert(EvalCorpus.q(500, "seg", false, false, "팔레트 색상이 마스크와 다르게 나와요", "PNG palette"));
        assertThat(ids("팔레트 색상")).first().isEqualTo(500L);
        assertThat(IndexProbe.size(index)).isEqualTo(size + 1);

        index.upsert(EvalCorpus.q(500, "comp", true, false, "앙상블 가중치 튜닝 질문", "WBF weights"));
        assertThat(ids("팔레트 색상")).doesNotContain(500L);
        assertThat(ids("palette")).doesNotContain(500L);
        assertThat(ids("앙상블 가중치")).first().isEqualTo(500L);
        assertThat(ids("앙상블", "seg")).doesNotContain(500L);
        assertThat(ids("앙상블", "comp")).contains(500L);
        assertThat(IndexProbe.size(index)).isEqualTo(size + 1);
    }

    @Test
    void upsertOfAnExistingQuestionAddsItsAnswers() {
        assertThat(ids("requires_grad 없이 dropout")).doesNotContain(25L);
        index.upsert(EvalCorpus.q(
                25,
                "general",
                true,
                true,
                "파인튜닝할 때 백본을 얼리는 게 좋나요?",
                "pretrained 가중치를 쓰는데 전체를 학습할지 head만 학습할지 고민입니다.",
                "처음 몇 에폭은 requires_grad를 끄고 head만 학습한 뒤 전체를 낮은 학습률로 푸세요."));
        assertThat(ids("requires_grad")).contains(25L, 21L);
    }

    @Test
    void deleteRemoves() {
        int size = IndexProbe.size(index);
        assertThat(ids("wandb 로그인")).first().isEqualTo(34L);
        index.delete(34);
        assertThat(ids("wandb 로그인")).doesNotContain(34L);
        assertThat(IndexProbe.size(index)).isEqualTo(size - 1);
        assertThatCode(() -> index.delete(987_654)).doesNotThrowAnyException();
        assertThat(IndexProbe.size(index)).isEqualTo(size - 1);
    }

    @Test
    void rebuildReplacesEverything() {
        index.rebuild(List.of(EvalCorpus.q(900, "od", false, false, "RetinaNet focal loss 질문", "")));
        assertThat(IndexProbe.size(index)).isEqualTo(1);
        assertThat(ids("wandb")).isEmpty();
        assertThat(ids("focal loss")).containsExactly(900L);
        assertThat(IndexProbe.ramBytesUsed(index)).isPositive();
    }

    @Test
    void failedRebuildKeepsTheOldContent() {
        int size = IndexProbe.size(index);
        Iterable<IndexedQuestion> broken = () -> new java.util.Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public IndexedQuestion next() {
                if (++n > 2_000) {
                    throw new IllegalStateException("database connection lost");
                }
                return EvalCorpus.q(50_000 + n, "od", false, false, "partial rebuild " + n, "");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.rebuild(broken))
                .hasMessageContaining("database connection lost");
        assertThat(IndexProbe.size(index)).isEqualTo(size);
        assertThat(ids("partial rebuild")).isEmpty();
        assertThat(ids("wandb 로그인")).first().isEqualTo(34L);
        index.upsert(EvalCorpus.q(777, "od", false, false, "rebuild 실패 후 upsert", ""));
        assertThat(IndexProbe.size(index)).isEqualTo(size + 1);
    }

    @Test
    void searchesDuringRebuildSeeTheOldOrTheNewContentNeverAMix() throws Exception {
        List<IndexedQuestion> next = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            next.add(EvalCorpus.q(20_000 + i, "od", false, false, "새 인덱스 질문 " + i, "rebuild 중 검색"));
        }
        int oldSize = IndexProbe.size(index);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    int size = IndexProbe.size(index);
                    assertThat(size).isIn(oldSize, EvalCorpus.questions().size(), next.size());
                    index.search("wandb 인덱스", 5, null);
                } catch (Throwable e) {
                    errors.add(e);
                    return;
                }
            }
        });
        reader.start();
        for (int round = 0; round < 3; round++) {
            index.rebuild(round % 2 == 0 ? next : EvalCorpus.questions());
        }
        index.rebuild(next);
        done.set(true);
        reader.join(30_000);
        assertThat(errors).isEmpty();
        assertThat(IndexProbe.size(index)).isEqualTo(next.size());
        assertThat(ids("wandb")).isEmpty();
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        QuestionIndex idx = new QuestionIndex();
        idx.upsert(EvalCorpus.q(1, null, false, false, "질문", ""));
        idx.close();
        idx.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> idx.search("질문", 5, null))
                .isInstanceOf(org.apache.lucene.store.AlreadyClosedException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> idx.upsert(EvalCorpus.q(2, null, false, false, "x", "")))
                .isInstanceOf(org.apache.lucene.store.AlreadyClosedException.class);
    }

    // --- similar -----------------------------------------------------------------------------------------

    @Test
    void similarFindsARewordedDuplicate() {
        List<SearchHit> hits = index.similar("Faster RCNN 돌릴 때 GPU 메모리 부족 에러", "배치를 8로 두면 첫 에폭에 바로 CUDA OOM이 떠요", 5);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).id()).isEqualTo(1L);
        assertThat(hits).allSatisfy(h -> assertThat(h.score()).isBetween(DuplicateCheck.THRESHOLD, 1.0 + 1e-9));

        assertThat(index.similar("validation loss가 올라가요 과적합인가요", "train loss는 줄어드는데 검증 loss만 증가합니다", 5))
                .first()
                .extracting(SearchHit::id)
                .isEqualTo(11L);
        assertThat(index.similar("How to freeze backbone layers of Faster R-CNN during fine-tuning?", "", 5))
                .first()
                .extracting(SearchHit::id)
                .isEqualTo(21L);
    }

    @Test
    void similarIgnoresAnUnrelatedQuestionOnTheSameTopic() {
        assertThat(index.similar("FPN 대신 BiFPN을 쓰면 성능이 오르나요?", "EfficientDet 구조가 궁금합니다", 5))
                .isEmpty();
        assertThat(index.similar("mAP를 클래스별로 출력하려면?", "pycocotools 결과에서 클래스별 AP를 보고 싶어요", 5))
                .isEmpty();
        assertThat(index.similar("Faster R-CNN 추론 속도를 높이는 방법", "TensorRT 변환을 해야 할까요?", 5))
                .isEmpty();
    }

    @Test
    void similarFindsTheQuestionItselfAndRespectsLimit() {
        List<SearchHit> hits =
                index.similar("데이터셋이 너무 커서 로딩이 느립니다", "COCO 형식 데이터를 매 에폭마다 디스크에서 읽는데 데이터로더가 병목인 것 같아요.", 1);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).id()).isEqualTo(2L);
        assertThat(hits.get(0).score()).isGreaterThan(0.99);
        assertThat(index.similar("", null, 5)).isEmpty();
        assertThat(index.similar("???", "!!!", 5)).isEmpty();
        assertThat(index.similar("데이터셋", "", 0)).isEmpty();
    }

    // --- robustness --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n", "?", "???!!!", "...", "+-&&||!(){}[]^\"~*?:\\/", "。、！？「」", "@#$%"})
    void emptyOrPunctuationOnlyQueriesReturnNothing(String query) {
        assertThat(index.search(query, 10, null)).isEmpty();
    }

    static List<String> syntaxQueries() {
        return List.of(
                "+mAP -IoU",
                "CUDA && OOM",
                "batch || size",
                "!학습률",
                "(FPN",
                "feature map)",
                "{데이터셋}",
                "[IoU 0.5 TO 0.95]",
                "loss^2",
                "\"unclosed phrase",
                "학습률~",
                "*.pth",
                "왜 안되나요?",
                "title:FPN",
                "C:\\Users\\camper",
                "a/b/c",
                "mAP@[.5:.95]",
                "AND OR NOT",
                "title:(foo AND",
                "\\",
                "/",
                "~",
                "^",
                ":",
                "*",
                "-",
                "+",
                "!",
                "\"\"",
                "x".repeat(5000),
                "학습률 ".repeat(500),
                "단어".repeat(3000) + " 학습률 데이터셋 mAP OOM CUDA " + "abc def ghi ".repeat(300));
    }

    @ParameterizedTest
    @MethodSource("syntaxQueries")
    void luceneSyntaxCharactersNeverThrow(String query) {
        assertThatCode(() -> index.search(query, 10, null)).doesNotThrowAnyException();
        assertThatCode(() -> index.search(query, 10, "od")).doesNotThrowAnyException();
        assertThatCode(() -> index.similar(query, query, 5)).doesNotThrowAnyException();
    }

    @Test
    void syntaxCharactersAroundRealTermsStillMatch() {
        assertThat(ids("+mAP -IoU")).first().isEqualTo(3L);
        assertThat(ids("(FPN)")).first().isEqualTo(6L);
        assertThat(ids("\"데이터셋이\"")).first().isEqualTo(2L);
    }

    @Test
    void nullAndNonPositiveLimitAreHandled() {
        assertThat(index.search(null, 10, null)).isEmpty();
        assertThat(index.search("mAP", 0, null)).isEmpty();
        assertThat(index.search("mAP", -1, null)).isEmpty();
        assertThat(index.search("mAP", 1, null)).hasSize(1);
    }

    // --- concurrency -----------------------------------------------------------------------------------

    @Test
    void searchesRunConcurrentlyWithUpserts() throws Exception {
        int writes = 200;
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        // Counted down after each reader's first search: the writes start only once both readers are searching.
        CountDownLatch searching = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                String[] queries = {"데이터셋을", "CUDA out of memory", "mAP IoU", "학습률", "동시성테스트", "batch_size"};
                int i = 0;
                do {
                    try {
                        index.search(queries[i++ % queries.length], 10, i % 3 == 0 ? "od" : null);
                        index.similar("동시성테스트 질문", "upsert 중 검색", 3);
                        IndexProbe.size(index);
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    } finally {
                        if (i == 1) {
                            searching.countDown();
                        }
                    }
                } while (!done.get());
            });
            t.start();
            readers.add(t);
        }
        assertThat(searching.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < writes; i++) {
            long id = 10_000 + (i % 100); // every id is written three times: insert, then replace twice
            String word = uniqueWord(i);
            index.upsert(EvalCorpus.q(id, "od", i % 2 == 0, false, "동시성테스트 " + word, "upsert 중 검색 " + i));
            // read-your-write: the next search sees this version, and not the previous one of the same id
            assertThat(ids(word)).containsExactly(id);
            if (i >= 100) {
                assertThat(ids(uniqueWord(i - 100))).doesNotContain(id);
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(errors).isEmpty();
        assertThat(index.search("동시성테스트", 500, null))
                .filteredOn(h -> h.id() >= 10_000)
                .hasSize(100);
    }

    /** Latin letters only, so the tokenizer keeps it as one token: 0 -> "qzaaa", 1 -> "qzaab", … */
    private static String uniqueWord(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            sb.append((char) ('a' + n % 26));
            n /= 26;
        }
        return "qz" + sb.reverse();
    }
}
