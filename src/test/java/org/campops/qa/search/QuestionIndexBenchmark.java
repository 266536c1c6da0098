package org.campops.qa.search;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.campops.testing.Bench;

/**
 * Benchmark of {@link QuestionIndex} (not a test; never run by {@code mvn verify}).
 *
 * <p>Generates 100,000 synthetic bootcamp questions (deterministic seed; Korean with English ML terms
 * and particles, and English ones; some answered and endorsed), builds the index with
 * {@link QuestionIndex#rebuild}, and measures build time, {@link IndexProbe#ramBytesUsed}, heap
 * delta after GC, and latency percentiles of {@code search}, {@code search} with a topic filter,
 * {@code similar} and {@code upsert} after a warm-up.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec} (writes the {@code ## Q&A search} section of
 * BENCHMARKS.md). Arguments: {@code [path-to-BENCHMARKS.md]}; without it the Markdown is only printed.
 */
public final class QuestionIndexBenchmark {

    static final String COMMAND = "mvn -B -q -Pbench test-compile exec:exec";
    static final String SECTION = "## Q&A search";

    static final int QUESTIONS = Integer.getInteger("bench.questions", 100_000);
    static final int WARMUP_QUERIES = 5_000;
    static final int QUERIES = 2_000;
    static final int SIMILAR_WARMUP = 1_000;
    static final int SIMILAR_CALLS = 500;
    static final int UPSERTS = 300;
    static final long SEED = 20_250_301L;
    static final double TARGET_P95_MS = 20.0;

    // --- vocabulary ------------------------------------------------------------------------------------

    static final String[] KO_NOUNS = {
        "데이터셋", "학습률", "모델", "손실", "검증셋", "배치", "이미지", "마스크", "앵커박스", "바운딩 박스", "백본", "옵티마이저", "스케줄러", "에폭", "가중치",
        "체크포인트", "어노테이션", "라벨", "클래스", "정확도", "제출 파일", "리더보드", "점수", "메모리", "그래디언트", "증강", "과적합", "해상도", "추론", "앙상블",
        "피처맵", "하이퍼파라미터", "데이터로더", "평가 지표", "전처리", "후처리", "좌표", "세그멘테이션", "객체 탐지", "단위테스트", "파인튜닝", "시드", "로그", "가상환경",
        "커널", "노트북", "서버", "도커", "깃허브", "브랜치", "학습 속도", "검증 점수", "예측 결과", "박스", "임계값", "불균형", "소수 클래스", "교차 검증", "폴드",
        "대회 규칙", "외부 데이터", "팀 병합", "제출 횟수", "코드 리뷰", "과제", "멘토링", "강의 자료", "실습 환경", "런타임", "패키지 버전",
    };
    static final String[] EN_TERMS = {
        "mAP",
        "IoU",
        "FPN",
        "CUDA",
        "OOM",
        "batch_size",
        "learning rate",
        "Faster R-CNN",
        "YOLOv8",
        "U-Net",
        "Mask R-CNN",
        "NMS",
        "WBF",
        "TTA",
        "AMP",
        "GPU",
        "loss",
        "dice loss",
        "focal loss",
        "backbone",
        "anchor",
        "epoch",
        "checkpoint",
        "DataLoader",
        "num_workers",
        "pretrained",
        "fine-tuning",
        "augmentation",
        "mosaic",
        "CutMix",
        "MixUp",
        "COCO",
        "Pascal VOC",
        "mIoU",
        "F1 score",
        "precision",
        "recall",
        "threshold",
        "AdamW",
        "SGD",
        "scheduler",
        "warmup",
        "PyTorch",
        "torchvision",
        "timm",
        "MMDetection",
        "Detectron2",
        "albumentations",
        "wandb",
        "Colab",
        "Kaggle",
        "submission",
        "leaderboard",
        "EfficientDet",
        "RetinaNet",
        "Swin Transformer",
        "DETR",
        "label smoothing",
        "gradient clipping",
        "weight decay",
        "early stopping",
    };
    static final String[] KO_PREDICATES = {
        "어떻게 설정하나요?",
        "안 맞아요",
        "너무 느립니다",
        "계속 올라가요",
        "줄지 않아요",
        "에러가 납니다",
        "궁금합니다",
        "바꾸면 성능이 떨어져요",
        "적용하는 방법이 있나요?",
        "확인하는 법",
        "nan이 됩니다",
        "이상하게 나와요",
        "저장이 안 됩니다",
        "설치가 안 돼요",
        "어떻게 정하나요?",
        "차이가 뭔가요?",
        "늘리면 좋아지나요?",
        "반영이 안 돼요",
        "사라집니다",
        "중간에 멈춰요",
    };
    static final String[] KO_SENTENCES = {
        "GPU는 V100 16GB입니다.",
        "Colab Pro에서 돌리고 있어요.",
        "에러 메시지를 첨부합니다.",
        "어제까지는 잘 됐는데 갑자기 안 됩니다.",
        "공식 문서를 봐도 잘 모르겠어요.",
        "팀원들도 같은 문제를 겪고 있습니다.",
        "로컬에서는 재현이 안 됩니다.",
        "제출 마감이 얼마 남지 않았습니다.",
        "baseline 코드를 그대로 썼어요.",
        "config 파일만 수정했습니다.",
    };
    static final String[] EN_VERBS = {
        "freeze", "tune", "debug", "speed up", "evaluate", "visualize", "export", "resume", "normalize", "compute"
    };
    static final String[] TOPICS = {"od", "seg", "comp", "env", "python", "general", "career", "admin"};
    static final String[] PARTICLES_BATCHIM = {"이", "을", "은", "과", "으로", "에서", "의", "도", "만", "이랑"};
    static final String[] PARTICLES_OPEN = {"가", "를", "는", "와", "로", "에서", "의", "도", "만", "랑"};

    private QuestionIndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        SplittableRandom rnd = new SplittableRandom(SEED);

        List<IndexedQuestion> corpus = new ArrayList<>(QUESTIONS);
        for (int i = 0; i < QUESTIONS; i++) {
            corpus.add(question(i + 1, rnd));
        }
        long answered = corpus.stream().filter(IndexedQuestion::answered).count();
        long endorsed = corpus.stream().filter(IndexedQuestion::endorsed).count();
        long english = corpus.stream()
                .filter(q -> q.title().chars().noneMatch(QuestionIndexBenchmark::isHangul))
                .count();
        double avgChars = corpus.stream()
                .mapToInt(q -> q.title().length()
                        + q.details().length()
                        + q.answers().stream().mapToInt(String::length).sum())
                .average()
                .orElse(0);

        String loadBefore = Bench.loadAverage();
        QuestionIndex index = new QuestionIndex();
        long t0 = System.nanoTime();
        index.rebuild(corpus);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long heapWithIndex = usedHeapAfterGc();
        long ramBytes = IndexProbe.ramBytesUsed(index);

        // queries: different seeds for warm-up and measurement
        List<String> warmup = queries(new SplittableRandom(SEED + 1), WARMUP_QUERIES);
        List<String> measured = queries(new SplittableRandom(SEED + 2), QUERIES);
        SplittableRandom topicRnd = new SplittableRandom(SEED + 3);
        long hitsSink = 0;
        for (String q : warmup) {
            hitsSink += index.search(q, 10, null).size();
            hitsSink +=
                    index.search(q, 10, TOPICS[topicRnd.nextInt(TOPICS.length)]).size();
        }
        long[] search = new long[QUERIES];
        long totalHits = 0;
        int empty = 0;
        for (int i = 0; i < QUERIES; i++) {
            long s = System.nanoTime();
            int n = index.search(measured.get(i), 10, null).size();
            search[i] = System.nanoTime() - s;
            totalHits += n;
            if (n == 0) {
                empty++;
            }
        }
        long[] searchTopic = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String topic = TOPICS[topicRnd.nextInt(TOPICS.length)];
            long s = System.nanoTime();
            hitsSink += index.search(measured.get(i), 10, topic).size();
            searchTopic[i] = System.nanoTime() - s;
        }

        SplittableRandom simRnd = new SplittableRandom(SEED + 4);
        for (int i = 0; i < SIMILAR_WARMUP; i++) {
            IndexedQuestion q = question(-1, simRnd);
            hitsSink += index.similar(q.title(), q.details(), 5).size();
        }
        long[] similar = new long[SIMILAR_CALLS];
        int similarFound = 0;
        for (int i = 0; i < SIMILAR_CALLS; i++) {
            IndexedQuestion q = question(-1, simRnd);
            long s = System.nanoTime();
            int n = index.similar(q.title(), q.details(), 5).size();
            similar[i] = System.nanoTime() - s;
            similarFound += n > 0 ? 1 : 0;
        }

        SplittableRandom upRnd = new SplittableRandom(SEED + 5);
        long[] upserts = new long[UPSERTS];
        for (int i = 0; i < UPSERTS; i++) {
            IndexedQuestion q = question(1 + upRnd.nextInt(QUESTIONS), upRnd);
            long s = System.nanoTime();
            index.upsert(q);
            upserts[i] = System.nanoTime() - s;
        }
        int size = IndexProbe.size(index);
        // retained heap of the index: used heap with it minus used heap after closing and dropping it
        // (the corpus, analyzers' classes and dictionaries stay loaded in both measurements)
        long ramAfterUpserts = IndexProbe.ramBytesUsed(index);
        index.close();
        index = null;
        long heapWithoutIndex = usedHeapAfterGc();
        String loadAfter = Bench.loadAverage();
        if (hitsSink == Long.MIN_VALUE) {
            System.out.println(); // keep results alive
        }

        double p95 = percentile(search, 95);
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("In-memory Lucene ")
                .append(org.apache.lucene.util.Version.LATEST)
                .append(
                        " index of `org.campops.qa.search.QuestionIndex` (Nori analysis, BM25 × answered/endorsed prior).")
                .append(" Generated by `QuestionIndexBenchmark` on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(".\n\n");
        md.append("- Command: `").append(COMMAND).append("`\n");
        md.append("- Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs (nproc), ")
                .append(Bench.cpuModel())
                .append("; load average (1/5/15 min) ")
                .append(loadBefore)
                .append(" before, ")
                .append(loadAfter)
                .append(" after the run (other processes shared the CPUs if above ~0)\n");
        md.append("- Java: ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.runtime.version"))
                .append(", max heap ")
                .append(mb(Runtime.getRuntime().maxMemory()))
                .append(" MiB, JVM args `")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append("`\n");
        md.append(String.format(
                Locale.ROOT,
                "- Corpus: %,d synthetic questions (seed %d): %.0f%% with Hangul titles,"
                        + " %.0f%% English-only titles, %.0f%% answered, %.0f%% endorsed, %.0f chars of text per question on average\n",
                QUESTIONS,
                SEED,
                100.0 * (QUESTIONS - english) / QUESTIONS,
                100.0 * english / QUESTIONS,
                100.0 * answered / QUESTIONS,
                100.0 * endorsed / QUESTIONS,
                avgChars));
        md.append(String.format(
                Locale.ROOT,
                "- Queries: %,d measured after %,d warm-up queries (×2: without and with topic filter),"
                        + " 1–4 Korean terms with varying particles or English terms; limit 10; single thread;"
                        + " %.1f hits on average, %d with no hit\n\n",
                QUERIES,
                WARMUP_QUERIES,
                (double) totalHits / QUERIES,
                empty));
        md.append("| measure | value |\n|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| build (`rebuild` on a cold JVM, %d indexing threads, incl. merge to 1 segment)"
                        + " | %.1f s (%,.0f questions/s) |%n",
                Math.min(4, Runtime.getRuntime().availableProcessors()),
                buildSeconds,
                QUESTIONS / buildSeconds));
        md.append(String.format(
                Locale.ROOT,
                "| `ramBytesUsed()` after build / after upserts | %.1f MiB / %.1f MiB |%n",
                ramBytes / 1048576.0,
                ramAfterUpserts / 1048576.0));
        md.append(String.format(
                Locale.ROOT,
                "| heap retained by the index (used heap after GC with it minus without it) | %.1f MiB |%n",
                (heapWithIndex - heapWithoutIndex) / 1048576.0));
        md.append(row("`search` latency", search));
        md.append(row("`search` with topic filter", searchTopic));
        md.append(row("`similar` latency (" + SIMILAR_CALLS + " calls, " + similarFound + " found a hit)", similar));
        md.append(row("`upsert` latency incl. refresh (" + UPSERTS + " replacements)", upserts));
        md.append(String.format(Locale.ROOT, "| size after upserts | %,d |%n", size));
        md.append(String.format(
                Locale.ROOT,
                "%nTarget: `search` p95 < %.0f ms — **%s** (p95 = %.2f ms).%n",
                TARGET_P95_MS,
                p95 < TARGET_P95_MS ? "met" : "NOT met",
                p95));

        System.out.println(md);
        if (out != null) {
            Bench.writeSection(out, SECTION, md.toString());
            System.out.println("(written to " + out.toAbsolutePath() + ")");
        }
    }

    // --- data generation -----------------------------------------------------------------------------

    /** One question of the synthetic corpus (also seeded by {@code app.StartupBenchmark}). */
    public static IndexedQuestion question(long id, SplittableRandom rnd) {
        boolean englishOnly = rnd.nextInt(100) < 25;
        String title;
        StringBuilder details = new StringBuilder();
        if (englishOnly) {
            title = englishTitle(rnd);
            int sentences = 1 + rnd.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                details.append(englishSentence(rnd)).append(' ');
            }
        } else {
            title = koreanClause(rnd, 1 + rnd.nextInt(2)) + " " + pick(rnd, KO_PREDICATES);
            int sentences = 1 + rnd.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                details.append(
                                rnd.nextInt(3) == 0
                                        ? pick(rnd, KO_SENTENCES)
                                        : koreanClause(rnd, 1 + rnd.nextInt(3)) + " " + pick(rnd, KO_PREDICATES))
                        .append(' ');
            }
        }
        int roll = rnd.nextInt(100);
        boolean answered = roll < 60;
        boolean endorsed = answered && rnd.nextInt(100) < 25;
        List<String> answers = new ArrayList<>();
        if (answered) {
            int n = 1 + rnd.nextInt(2);
            for (int a = 0; a < n; a++) {
                answers.add(
                        englishOnly
                                ? englishSentence(rnd) + " " + englishSentence(rnd)
                                : koreanClause(rnd, 2) + " 바꿔 보세요. " + pick(rnd, EN_TERMS) + " 설정을 확인하세요.");
            }
        }
        return new IndexedQuestion(
                id,
                title,
                details.toString().strip(),
                answers,
                pick(rnd, TOPICS),
                answered,
                endorsed,
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(Math.max(id, 0) * 60));
    }

    /** {@code words} nouns or English terms, each followed by a particle that fits its last syllable. */
    static String koreanClause(SplittableRandom rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(' ');
            }
            if (rnd.nextInt(100) < 40) {
                String en = pick(rnd, EN_TERMS);
                sb.append(en).append(rnd.nextBoolean() ? pick(rnd, PARTICLES_OPEN) : "");
            } else {
                String ko = pick(rnd, KO_NOUNS);
                sb.append(ko).append(withParticle(ko, rnd));
            }
        }
        return sb.toString();
    }

    static String englishTitle(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 ->
                "How do I " + pick(rnd, EN_VERBS) + " " + pick(rnd, EN_TERMS) + " with " + pick(rnd, EN_TERMS) + "?";
            case 1 -> pick(rnd, EN_TERMS) + " is not working after changing " + pick(rnd, EN_TERMS);
            case 2 -> "Why does " + pick(rnd, EN_TERMS) + " drop when using " + pick(rnd, EN_TERMS) + "?";
            default -> pick(rnd, EN_TERMS) + " vs " + pick(rnd, EN_TERMS) + " for " + pick(rnd, EN_TERMS);
        };
    }

    static String englishSentence(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> "I tried " + pick(rnd, EN_TERMS) + " but " + pick(rnd, EN_TERMS) + " still fails.";
            case 1 -> "The " + pick(rnd, EN_TERMS) + " gets worse after " + (1 + rnd.nextInt(30)) + " epochs.";
            default -> "Using " + pick(rnd, EN_TERMS) + " and " + pick(rnd, EN_TERMS) + " on a T4 GPU.";
        };
    }

    /** Search-box queries: 1–4 terms, Korean nouns with random particles, English terms, or both. */
    static List<String> queries(SplittableRandom rnd, int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 1 + rnd.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(' ');
                }
                int kind = rnd.nextInt(10);
                if (kind < 4) {
                    String en = pick(rnd, EN_TERMS);
                    sb.append(rnd.nextBoolean() ? en.toLowerCase(Locale.ROOT) : en);
                } else {
                    String ko = pick(rnd, KO_NOUNS);
                    sb.append(ko).append(kind < 7 ? withParticle(ko, rnd) : "");
                }
            }
            if (rnd.nextInt(4) == 0) {
                sb.append(' ').append(pick(rnd, KO_PREDICATES));
            }
            list.add(sb.toString());
        }
        return list;
    }

    static String withParticle(String word, SplittableRandom rnd) {
        char last = word.charAt(word.length() - 1);
        boolean batchim = isHangul(last) && (last - 0xAC00) % 28 != 0;
        return pick(rnd, batchim ? PARTICLES_BATCHIM : PARTICLES_OPEN);
    }

    static boolean isHangul(int c) {
        return c >= 0xAC00 && c <= 0xD7A3;
    }

    static String pick(SplittableRandom rnd, String[] options) {
        return options[rnd.nextInt(options.length)];
    }

    // --- measurement helpers -------------------------------------------------------------------------

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(
                    used,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))] / 1e6;
    }

    static String row(String name, long[] nanos) {
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return String.format(
                Locale.ROOT,
                "| %s: p50 / p95 / p99 / max (mean) | %.2f / %.2f / %.2f / %.2f ms (%.2f ms) |%n",
                name,
                percentile(nanos, 50),
                percentile(nanos, 95),
                percentile(nanos, 99),
                percentile(nanos, 100),
                mean);
    }

    static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
