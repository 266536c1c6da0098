package org.campops.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.campops.config.Program;

/**
 * A camp that ran for some weeks, generated from a seed (the report benchmark's large camp and the README's demo camp):
 * teams of campers with one mentor each and a weekly session (some skipped, attendance and feedback answered by the
 * campers), questions on the camp's topics with the first mentor reply (the median wait drifts from week to week; a
 * few never answered), office hours with RSVPs, a competition every four weeks with wrap-up reviews (some late) and
 * mentors' weekly discussion posts. The program has a Zoom stage up to the Wednesday of the last week and a discussion
 * stage from its Thursday, so the last week has both sessions and weekly posts. Teams differ (attendance, skips,
 * ratings, how punctual their mentor is) so that the charts show something.
 */
final class CampGenerator {
    static final String MENTOR_ID_PREFIX = "11900000000000";

    /** What to generate; the last of {@code weeks} weeks starting {@code firstMonday} is the report's week. */
    record Shape(
            List<String> teams,
            List<String> mentors,
            int campersPerTeam,
            LocalDate firstMonday,
            int weeks,
            int questions,
            List<String> topics,
            ZoneId zone,
            long seed) {
        ReportWeek lastWeek() {
            return new ReportWeek(firstMonday.plusWeeks(weeks - 1L));
        }

        int campers() {
            return teams.size() * campersPerTeam;
        }
    }

    private final Shape shape;
    private final Random random;
    private final BulkSeed seed;

    private CampGenerator(Shape shape) {
        this.shape = shape;
        this.random = new Random(shape.seed());
        this.seed = new BulkSeed(shape.zone());
    }

    /** The rows of the camp of {@code shape} (write them with {@link BulkSeed#write}). */
    static BulkSeed rows(Shape shape) {
        CampGenerator g = new CampGenerator(shape);
        g.generate();
        return g.seed;
    }

    /** The program the camp ran: its two stages and its competitions (ids {@code comp-1}, ...). */
    static Program program(Shape shape, String discussionChannel) {
        LocalDate lastMonday = shape.lastWeek().monday();
        List<Program.Stage> stages = List.of(
                new Program.Stage(
                        "1단계: 컴퓨터비전", shape.firstMonday(), lastMonday.plusDays(2), Program.MentoringForm.ZOOM),
                new Program.Stage(
                        "2단계: 자연어처리",
                        lastMonday.plusDays(3),
                        lastMonday.plusWeeks(12),
                        Program.MentoringForm.DISCUSSION));
        List<Program.Competition> competitions = new ArrayList<>();
        // the last competition ended the Friday of the week before the last; its reviews are due in the last week
        for (int end = shape.weeks() - 2, n = 1; end >= 2; end -= 4, n++) {
            LocalDate friday = shape.firstMonday().plusWeeks(end).plusDays(4);
            competitions.add(
                    0,
                    new Program.Competition(
                            "comp-" + n,
                            COMPETITIONS.get((n - 1) % COMPETITIONS.size()),
                            friday.minusDays(25).isBefore(shape.firstMonday())
                                    ? shape.firstMonday()
                                    : friday.minusDays(25),
                            friday,
                            discussionChannel,
                            friday.plusDays(7)));
        }
        return new Program(
                stages,
                competitions,
                List.of(),
                List.of(),
                List.of(),
                Program.Prompts.defaults(),
                Program.Duties.defaults());
    }

    static final List<String> COMPETITIONS =
            List.of("재활용 쓰레기 객체 탐지", "Data-Centric 글자 검출", "뉴스 주제 분류", "문장 간 유사도", "관계 추출", "의료 영상 분할", "추천 시스템");

    static String mentorId(int team) {
        return MENTOR_ID_PREFIX + String.format("%05d", 500 + team);
    }

    static String camperId(int team, int i) {
        return MENTOR_ID_PREFIX + String.format("%05d", 10_000 + team * 100 + i);
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(shape.zone()).toInstant();
    }

    private double between(double lo, double hi) {
        return lo + random.nextDouble() * (hi - lo);
    }

    private void generate() {
        int teams = shape.teams().size();
        double[] punctual = new double[teams];
        for (int t = 0; t < teams; t++) {
            punctual[t] = between(0.35, 1.0);
            team(t);
        }
        questions();
        officeHours();
        wrapups(punctual);
        posts(punctual);
    }

    private List<String> campers(int team) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < shape.campersPerTeam(); i++) {
            out.add(camperId(team, i));
        }
        return out;
    }

    private void team(int t) {
        List<String> campers = campers(t);
        seed.team(t + 1, shape.teams().get(t), mentorId(t), campers);
        double attend = between(0.55, 0.98);
        double skip = between(0.0, 0.25);
        double rating = between(3.2, 4.8);
        for (int w = 0; w < shape.weeks(); w++) {
            // Monday to Wednesday, so that the last week's sessions fall in the Zoom stage
            LocalDate day = shape.firstMonday().plusWeeks(w).plusDays(t % 3);
            Instant start = at(day, 19 + t % 3, 0);
            boolean skipped = random.nextDouble() < skip;
            long session = seed.session(t + 1, start, skipped);
            if (skipped) {
                continue;
            }
            for (String camper : campers) {
                boolean came = random.nextDouble() < attend;
                seed.attendance(session, camper, came, start.minusSeconds(3600));
                if (came && random.nextDouble() < 0.7) {
                    int r = (int) Math.round(rating + random.nextGaussian() * 0.7);
                    seed.feedback(session, memberHash(camper), Math.max(1, Math.min(5, r)), start.plusSeconds(4000));
                }
            }
        }
    }

    private void questions() {
        List<String> topics = shape.topics();
        double[] weekWeight = new double[shape.weeks()];
        double total = 0;
        for (int w = 0; w < shape.weeks(); w++) {
            weekWeight[w] = 0.7 + 0.6 * Math.sin(Math.PI * (w + 1) / (shape.weeks() + 1)) + between(0, 0.3);
            total += weekWeight[w];
        }
        int n = 0;
        for (int w = 0; w < shape.weeks(); w++) {
            int count = w == shape.weeks() - 1
                    ? shape.questions() - n
                    : (int) Math.round(shape.questions() * weekWeight[w] / total);
            count = Math.max(0, Math.min(count, shape.questions() - n));
            // the median wait drifts between weeks: from about 7 h at the start towards 3 h, with noise
            double median = 7.0 - 4.0 * w / Math.max(1, shape.weeks() - 1) + random.nextGaussian() * 1.2;
            for (int i = 0; i < count; i++, n++) {
                int day = random.nextDouble() < 0.15 ? 5 + random.nextInt(2) : random.nextInt(5);
                LocalDate date = shape.firstMonday().plusWeeks(w).plusDays(day);
                Instant asked = at(date, 9 + random.nextInt(14), random.nextInt(60));
                // topics follow the camp: the week's main topic most, the others less
                int main = w * topics.size() / shape.weeks();
                String topic = random.nextDouble() < 0.5
                        ? topics.get(main)
                        : random.nextDouble() < 0.1 ? null : topics.get(random.nextInt(topics.size()));
                int team = random.nextInt(shape.teams().size());
                String asker = camperId(team, random.nextInt(shape.campersPerTeam()));
                Instant reply = null;
                if (random.nextDouble() > 0.04) {
                    double hours = Math.max(1.5, median) * Math.exp(random.nextGaussian() * 0.9);
                    reply = asked.plusSeconds((long) (hours * 3600));
                }
                int mentor = random.nextInt(shape.teams().size());
                seed.question(asker, topic, "질문 " + (n + 1), asked, reply, mentorId(mentor), mentorName(mentor));
            }
        }
    }

    /** A stand-in for the keyed hash the product stores instead of the member id (64 hex digits). */
    static String memberHash(String camper) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(camper.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mentorName(int team) {
        return shape.mentors().get(team % shape.mentors().size());
    }

    private void officeHours() {
        for (int w = 0; w < shape.weeks(); w++) {
            LocalDate monday = shape.firstMonday().plusWeeks(w);
            int sessions = 2 + random.nextInt(2);
            for (int i = 0; i < sessions; i++) {
                LocalDate day = monday.with(DayOfWeek.TUESDAY).plusDays(2L * i);
                List<String> rsvps = new ArrayList<>();
                int people = 2 + random.nextInt(Math.max(3, shape.campers() / 6));
                for (int p = 0; p < people; p++) {
                    int team = random.nextInt(shape.teams().size());
                    String camper = camperId(team, random.nextInt(shape.campersPerTeam()));
                    if (!rsvps.contains(camper)) {
                        rsvps.add(camper);
                    }
                }
                int host = random.nextInt(shape.teams().size());
                seed.officeHour(
                        "오피스아워 " + (w + 1) + "-" + (i + 1),
                        mentorId(host),
                        at(day, 20, 0),
                        random.nextDouble() < 0.1,
                        rsvps);
            }
        }
    }

    private void wrapups(double[] punctual) {
        for (Program.Competition c : program(shape, "1").competitions()) {
            boolean last = !c.wrapupDue().isBefore(shape.lastWeek().monday());
            for (int t = 0; t < shape.teams().size(); t++) {
                for (String camper : campers(t)) {
                    // a punctual mentor reviews nearly all by the due day; the last competition's are still coming in
                    boolean reviewed = random.nextDouble() < (last ? punctual[t] : 0.97);
                    Instant at = at(c.wrapupDue().minusDays(random.nextInt(6)), 10 + random.nextInt(12), 0);
                    seed.assignment(c.id(), camper, mentorId(t), reviewed ? at : null);
                }
            }
        }
    }

    private void posts(double[] punctual) {
        for (int w = 0; w < shape.weeks(); w++) {
            LocalDate monday = shape.firstMonday().plusWeeks(w);
            for (int t = 0; t < shape.teams().size(); t++) {
                if (random.nextDouble() < punctual[t]) {
                    seed.weeklyPostDone(monday, mentorId(t), at(monday.plusDays(3), 21, 0));
                }
            }
        }
    }
}
