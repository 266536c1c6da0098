package org.campops.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** {@link WeeklyFigures} values for the chart tests and the benchmark (the figures themselves are tested elsewhere). */
final class ChartFigures {
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    static final List<String> KOREAN_NAMES = List.of("컴퓨터비전-01", "자연어처리-02", "김멘토", "이멘토", "객체 탐지 & 분할", "데이터 전처리");

    private ChartFigures() {}

    static String week(LocalDate monday) {
        return monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** A small camp week with Korean names: every area has data. */
    static WeeklyFigures seeded() {
        List<WeeklyFigures.DayCount> perDay = List.of(
                new WeeklyFigures.DayCount(MONDAY, "객체 탐지 & 분할", 3),
                new WeeklyFigures.DayCount(MONDAY, "데이터 전처리", 1),
                new WeeklyFigures.DayCount(MONDAY.plusDays(2), "객체 탐지 & 분할", 2),
                new WeeklyFigures.DayCount(MONDAY.plusDays(4), "데이터 전처리", 4));
        List<WeeklyFigures.WeekMedian> medians = new ArrayList<>();
        double[] hours = {5.0, 4.5, Double.NaN, 6.0, 3.5, 2.0, 4.0, 3.2};
        for (int i = 0; i < 8; i++) {
            medians.add(new WeeklyFigures.WeekMedian(
                    week(MONDAY.minusWeeks(7 - i)),
                    Double.isNaN(hours[i]) ? null : Duration.ofMinutes((long) (hours[i] * 60))));
        }
        WeeklyFigures.Qa qa = new WeeklyFigures.Qa(perDay, medians, Duration.ofHours(4), 2, 7);
        return new WeeklyFigures(
                week(MONDAY),
                MONDAY,
                qa,
                List.of(
                        new WeeklyFigures.TeamMentoring("컴퓨터비전-01", 1, 0, 0.8, averages(4.5, null, 4.0, 3.5)),
                        new WeeklyFigures.TeamMentoring("자연어처리-02", 0, 1, null, averages(3.0, 3.5, null, null))),
                List.of(
                        new WeeklyFigures.MentorDuties("김멘토", 1, 0, 0, 2, 1, 0),
                        new WeeklyFigures.MentorDuties("이멘토", 0, 0, 1, 0, 2, 3)),
                new WeeklyFigures.OfficeHours(2, 9));
    }

    static List<@Nullable Double> averages(@Nullable Double... values) {
        return Arrays.asList(values);
    }

    /** A week with only Q&A: the other areas have no data. */
    static WeeklyFigures qaOnly() {
        WeeklyFigures s = seeded();
        List<WeeklyFigures.WeekMedian> none = s.qa().firstReply().stream()
                .map(w -> new WeeklyFigures.WeekMedian(w.week(), null))
                .toList();
        WeeklyFigures.Qa qa = new WeeklyFigures.Qa(s.qa().perDay(), none, s.qa().target(), 4, 0);
        List<WeeklyFigures.TeamMentoring> teams =
                List.of(new WeeklyFigures.TeamMentoring("컴퓨터비전-01", 0, 0, null, averages(null, null, null, null)));
        return new WeeklyFigures(
                s.week(),
                s.monday(),
                qa,
                teams,
                List.of(new WeeklyFigures.MentorDuties("김멘토", 0, 0, 0, 0, 0, 0)),
                new WeeklyFigures.OfficeHours(0, 0));
    }

    /** Nothing happened. */
    static WeeklyFigures empty() {
        WeeklyFigures s = seeded();
        return new WeeklyFigures(
                s.week(),
                s.monday(),
                new WeeklyFigures.Qa(List.of(), s.qa().firstReply(), s.qa().target(), 0, 3),
                List.of(new WeeklyFigures.TeamMentoring("컴퓨터비전-01", 0, 0, null, averages(4.0, null, null, null))),
                List.of(),
                new WeeklyFigures.OfficeHours(0, 0));
    }

    /**
     * The week of a large camp: {@code campers} campers in {@code teams} teams with {@code mentors} mentors,
     * {@code questions} questions spread over {@code weeks} weeks (this week is the last), 12 Korean topics; every
     * team and mentor has figures. Deterministic for a seed.
     */
    static WeeklyFigures large(int campers, int teams, int mentors, int weeks, int questions, long seed) {
        Random random = new Random(seed);
        List<String> topics = List.of(
                "객체 탐지 & 분할",
                "데이터 전처리",
                "모델 학습",
                "하이퍼파라미터 튜닝",
                "평가 지표",
                "제출 형식",
                "GPU 서버",
                "자연어처리 기초",
                "추천 시스템",
                "시계열 예측",
                "Git & 협업",
                "기타");
        LocalDate first = MONDAY.minusWeeks(weeks - 1L);
        int[][] perDayTopic = new int[7][topics.size()];
        List<List<Double>> replyHours = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            replyHours.add(new ArrayList<>());
        }
        for (int q = 0; q < questions; q++) {
            int day = random.nextInt(weeks * 7);
            int weekIndex = day / 7;
            int topic = Math.min(topics.size() - 1, (int) Math.abs(random.nextGaussian() * 4));
            if (weekIndex == weeks - 1) {
                perDayTopic[day % 7][topic]++;
            }
            int recent = weekIndex - (weeks - 8);
            if (recent >= 0 && random.nextDouble() < 0.9) {
                replyHours.get(recent).add(random.nextDouble() * 12);
            }
        }
        List<WeeklyFigures.DayCount> perDay = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            for (int t = 0; t < topics.size(); t++) {
                if (perDayTopic[d][t] > 0) {
                    perDay.add(new WeeklyFigures.DayCount(MONDAY.plusDays(d), topics.get(t), perDayTopic[d][t]));
                }
            }
        }
        List<WeeklyFigures.WeekMedian> medians = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            List<Double> h = replyHours.get(w);
            h.sort(null);
            Duration median = h.isEmpty() ? null : Duration.ofMinutes((long) (h.get(h.size() / 2) * 60));
            medians.add(new WeeklyFigures.WeekMedian(week(MONDAY.minusWeeks(7 - w)), median));
        }
        int members = campers / teams;
        List<WeeklyFigures.TeamMentoring> mentoring = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            int held = random.nextInt(3);
            int skipped = random.nextInt(2);
            Double rate = held == 0 ? null : (double) random.nextInt(held * members + 1) / (held * members);
            List<@Nullable Double> feedback = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                feedback.add(random.nextInt(5) == 0 ? null : 1 + Math.round(random.nextDouble() * 8) / 2.0);
            }
            mentoring.add(new WeeklyFigures.TeamMentoring(
                    String.format("%s-%02d", t % 2 == 0 ? "컴퓨터비전" : "자연어처리", t + 1), held, skipped, rate, feedback));
        }
        String[] surnames = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"};
        List<WeeklyFigures.MentorDuties> duties = new ArrayList<>();
        for (int m = 0; m < mentors; m++) {
            duties.add(new WeeklyFigures.MentorDuties(
                    surnames[m % surnames.length] + "멘토" + (m + 1),
                    random.nextInt(2),
                    random.nextInt(2),
                    random.nextInt(2),
                    1 + random.nextInt(3),
                    random.nextInt(3),
                    random.nextInt(3)));
        }
        WeeklyFigures.Qa qa = new WeeklyFigures.Qa(perDay, medians, Duration.ofHours(6), random.nextInt(20), 180);
        return new WeeklyFigures(
                week(MONDAY), first.plusWeeks(weeks - 1L), qa, mentoring, duties, new WeeklyFigures.OfficeHours(6, 85));
    }
}
