package org.campops.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhenParserTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Friday 2026-11-27 20:13 in Seoul. */
    private static final Instant NOW =
            ZonedDateTime.of(2026, 11, 27, 20, 13, 0, 0, SEOUL).toInstant();

    private final WhenParser parser = new WhenParser(SEOUL);

    private static LocalDateTime acceptedAt(WhenParser parser, String text, Instant now, ZoneId zone) {
        WhenResult result = parser.parse(text, now);
        assertThat(result).as("result for \"%s\"", text).isInstanceOf(WhenResult.Ok.class);
        ZonedDateTime at = ((WhenResult.Ok) result).at();
        assertThat(at.getZone()).isEqualTo(zone);
        return at.toLocalDateTime();
    }

    private static Problem refusal(WhenParser parser, String text, Instant now) {
        WhenResult result = parser.parse(text, now);
        assertThat(result).as("result for \"%s\"", text).isInstanceOf(WhenResult.Err.class);
        WhenResult.Err err = (WhenResult.Err) result;
        assertThat(err.input()).isEqualTo(text == null ? "" : text.strip());
        return err.problem();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- English, absolute with year
            2026-12-01 19:00           | 2026-12-01T19:00
            2026-12-01T19:00           | 2026-12-01T19:00
            2026/12/01 19:00           | 2026-12-01T19:00
            2026.12.01 19:00           | 2026-12-01T19:00
            2026-12-01 7pm             | 2026-12-01T19:00
            2026-12-01 7:30pm          | 2026-12-01T19:30
            2026-12-1 9:05             | 2026-12-01T09:05
            2027-01-15 08:00           | 2027-01-15T08:00
            2027-03-14 02:30           | 2027-03-14T02:30
            # --- English, month/day in this year (end of year included)
            12/1 19:00                 | 2026-12-01T19:00
            12/01 7pm                  | 2026-12-01T19:00
            Dec 1 19:00                | 2026-12-01T19:00
            1 Dec 7pm                  | 2026-12-01T19:00
            dec 1st at 7pm             | 2026-12-01T19:00
            December 31 11:59pm        | 2026-12-31T23:59
            12/31 23:59                | 2026-12-31T23:59
            'Jan 5, 2027 10am'         | 2027-01-05T10:00
            5 january 2027 10am        | 2027-01-05T10:00
            on 1 December 2026 at 9am  | 2026-12-01T09:00
            # --- English, time only: the next occurrence
            21:30                      | 2026-11-27T21:30
            20:14                      | 2026-11-27T20:14
            20:13                      | 2026-11-28T20:13
            20:12                      | 2026-11-28T20:12
            19:00                      | 2026-11-28T19:00
            9pm                        | 2026-11-27T21:00
            7pm                        | 2026-11-28T19:00
            7:30 pm                    | 2026-11-28T19:30
            9am                        | 2026-11-28T09:00
            9 a.m.                     | 2026-11-28T09:00
            0:00                       | 2026-11-28T00:00
            12am                       | 2026-11-28T00:00
            12pm                       | 2026-11-28T12:00
            at 9:45pm                  | 2026-11-27T21:45
            at 21                      | 2026-11-27T21:00
            # --- English, relative
            in 2h                      | 2026-11-27T22:13
            in 30m                     | 2026-11-27T20:43
            30m                        | 2026-11-27T20:43
            2h                         | 2026-11-27T22:13
            1h30m                      | 2026-11-27T21:43
            in 1h 30m                  | 2026-11-27T21:43
            in 90 minutes              | 2026-11-27T21:43
            in 2 hours                 | 2026-11-27T22:13
            in 1 hour                  | 2026-11-27T21:13
            in an hour                 | 2026-11-27T21:13
            in 1 hour and 30 minutes   | 2026-11-27T21:43
            2h from now                | 2026-11-27T22:13
            in 3 days                  | 2026-11-30T20:13
            3d                         | 2026-11-30T20:13
            in 1 week                  | 2026-12-04T20:13
            45s                        | 2026-11-27T20:13:45
            in 45 seconds              | 2026-11-27T20:13:45
            in 1m                      | 2026-11-27T20:14
            in 366 days                | 2027-11-28T20:13
            in a minute                | 2026-11-27T20:14
            1h 30m later               | 2026-11-27T21:43
            2 hrs                      | 2026-11-27T22:13
            3 wks                      | 2026-12-18T20:13
            # --- English, named days
            today 9pm                  | 2026-11-27T21:00
            tonight 9pm                | 2026-11-27T21:00
            tonight 9                  | 2026-11-27T21:00
            tonight at 10:30           | 2026-11-27T22:30
            tonight 12                 | 2026-11-28T00:00
            tomorrow 9am               | 2026-11-28T09:00
            tomorrow 21:00             | 2026-11-28T21:00
            tomorrow 9:30am            | 2026-11-28T09:30
            tomorrow at 17             | 2026-11-28T17:00
            tomorrow morning 9         | 2026-11-28T09:00
            9am tomorrow               | 2026-11-28T09:00
            day after tomorrow 8am     | 2026-11-29T08:00
            next monday 10am           | 2026-11-30T10:00
            monday 10:00               | 2026-11-30T10:00
            sat 10am                   | 2026-11-28T10:00
            friday 21:00               | 2026-11-27T21:00
            this friday 21:00          | 2026-11-27T21:00
            friday 10:00               | 2026-12-04T10:00
            next friday 21:00          | 2026-12-04T21:00
            'friday, 9pm'              | 2026-11-27T21:00
            noon tomorrow              | 2026-11-28T12:00
            dec. 25 10am               | 2026-12-25T10:00
            25th dec 10am              | 2026-12-25T10:00
            PM 3:00                    | 2026-11-28T15:00
            noon                       | 2026-11-28T12:00
            tomorrow noon              | 2026-11-28T12:00
            tomorrow at 12 noon        | 2026-11-28T12:00
            midnight                   | 2026-11-28T00:00
            today midnight             | 2026-11-28T00:00
            # --- English, case and spacing
            TOMORROW 9AM               | 2026-11-28T09:00
            In 2H                      | 2026-11-27T22:13
            'Next   Monday  10AM'      | 2026-11-30T10:00
            '   tomorrow   9:30   am  '| 2026-11-28T09:30
            # --- Korean, relative
            30분 후                     | 2026-11-27T20:43
            30분 뒤                     | 2026-11-27T20:43
            30분후                      | 2026-11-27T20:43
            30분 후에                   | 2026-11-27T20:43
            30분 있다가                 | 2026-11-27T20:43
            2시간 뒤                    | 2026-11-27T22:13
            2시간 후                    | 2026-11-27T22:13
            1시간 30분 후               | 2026-11-27T21:43
            1시간30분후                 | 2026-11-27T21:43
            1시간 반 후                 | 2026-11-27T21:43
            한 시간 뒤                  | 2026-11-27T21:13
            두시간 후                   | 2026-11-27T22:13
            3일 후                      | 2026-11-30T20:13
            하루 뒤                     | 2026-11-28T20:13
            1주 후                      | 2026-12-04T20:13
            1주일 후                    | 2026-12-04T20:13
            10초 후                     | 2026-11-27T20:13:10
            세 시간 뒤에                | 2026-11-27T23:13
            # --- Korean, named days and weekdays
            내일 오후 3시               | 2026-11-28T15:00
            내일오후3시                 | 2026-11-28T15:00
            내일 오후 3시에             | 2026-11-28T15:00
            내일 15시                   | 2026-11-28T15:00
            내일 오후 12시              | 2026-11-28T12:00
            내일 오전 0시               | 2026-11-28T00:00
            내일 아침 8시               | 2026-11-28T08:00
            모레 10:00                  | 2026-11-29T10:00
            글피 오전 9시               | 2026-11-30T09:00
            오늘 밤 11시                | 2026-11-27T23:00
            오늘밤 9시 30분             | 2026-11-27T21:30
            오늘 자정                   | 2026-11-28T00:00
            내일 밤 12시                | 2026-11-29T00:00
            다음 주 월요일 오전 10시    | 2026-11-30T10:00
            다음주 월요일 오전 10시     | 2026-11-30T10:00
            다음주월요일 10:00          | 2026-11-30T10:00
            다음 주 금요일 오후 3시     | 2026-12-04T15:00
            이번 주 일요일 오후 2시     | 2026-11-29T14:00
            이번주 금요일 밤 9시        | 2026-11-27T21:00
            금요일 밤 9시               | 2026-11-27T21:00
            금요일 오전 9시             | 2026-12-04T09:00
            월요일 10:00                | 2026-11-30T10:00
            토요일 정오                 | 2026-11-28T12:00
            금욜 3pm                    | 2026-12-04T15:00
            담주 월요일 9am             | 2026-11-30T09:00
            다다음 주 월요일 오전 9시   | 2026-12-07T09:00
            # --- Korean, calendar dates
            12월 1일 오후 7시           | 2026-12-01T19:00
            12월1일 오후7시             | 2026-12-01T19:00
            12월 1일 19:00              | 2026-12-01T19:00
            2026년 12월 1일 19:00       | 2026-12-01T19:00
            2027년 1월 2일 오전 9시     | 2027-01-02T09:00
            12/1 오후 7시               | 2026-12-01T19:00
            12월 31일 오후 11시 59분    | 2026-12-31T23:59
            # --- Korean, time only: the next occurrence
            오후 3시                    | 2026-11-28T15:00
            오후 9시                    | 2026-11-27T21:00
            오후3시                     | 2026-11-28T15:00
            오후 3시 30분               | 2026-11-28T15:30
            오후 3시 반                 | 2026-11-28T15:30
            오후 8시 13분               | 2026-11-28T20:13
            15시                        | 2026-11-28T15:00
            15시 30분                   | 2026-11-28T15:30
            21시                        | 2026-11-27T21:00
            15:00                       | 2026-11-28T15:00
            저녁 7시                    | 2026-11-28T19:00
            밤 9시                      | 2026-11-27T21:00
            밤 12시                     | 2026-11-28T00:00
            아침 8시                    | 2026-11-28T08:00
            새벽 5시                    | 2026-11-28T05:00
            낮 2시                      | 2026-11-28T14:00
            낮 12시                     | 2026-11-28T12:00
            정오                        | 2026-11-28T12:00
            자정                        | 2026-11-28T00:00
            오전 0시 30분               | 2026-11-28T00:30
            오후 0시 30분               | 2026-11-28T12:30
            0시                         | 2026-11-28T00:00
            # --- full-width digits and punctuation from Korean IMEs
            ２１：３０                  | 2026-11-27T21:30
            내일 오후 ３시              | 2026-11-28T15:00
            １２／１ １９：００         | 2026-12-01T19:00
            """)
    void accepts(String text, LocalDateTime expected) {
        assertThat(acceptedAt(parser, text, NOW, SEOUL)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- UNRECOGNIZED
            asdf                          | UNRECOGNIZED
            next blursday                 | UNRECOGNIZED
            next blursday 10am            | UNRECOGNIZED
            in h                          | UNRECOGNIZED
            tomorrow 9am please do it     | UNRECOGNIZED
            please remind me tomorrow 9am | UNRECOGNIZED
            5                             | UNRECOGNIZED
            17                            | UNRECOGNIZED
            30분                          | UNRECOGNIZED
            in 1.5h                       | UNRECOGNIZED
            in 2 months                   | UNRECOGNIZED
            1h 1h                         | UNRECOGNIZED
            in 1h and                     | UNRECOGNIZED
            tomorrow tomorrow 9am         | UNRECOGNIZED
            9am 10am                      | UNRECOGNIZED
            todayy 9am                    | UNRECOGNIZED
            오후 3pm                      | UNRECOGNIZED
            다음 주                       | UNRECOGNIZED
            2026-12-01 19:00:30           | UNRECOGNIZED
            2026-12/01 19:00              | UNRECOGNIZED
            내일 오후 3시 알려줘          | UNRECOGNIZED
            a m                           | UNRECOGNIZED
            1시간 반 30분 후              | UNRECOGNIZED
            the 5th                       | UNRECOGNIZED
            # --- IMPOSSIBLE
            2026-02-30 10:00              | IMPOSSIBLE
            2027-02-29 10:00              | IMPOSSIBLE
            2026-02-30                    | IMPOSSIBLE
            25:00                         | IMPOSSIBLE
            24:00                         | IMPOSSIBLE
            12:75                         | IMPOSSIBLE
            13/45 10:00                   | IMPOSSIBLE
            dec 32 10am                   | IMPOSSIBLE
            2월 30일 오후 3시             | IMPOSSIBLE
            오후 13시                     | IMPOSSIBLE
            오전 13시                     | IMPOSSIBLE
            오후 3시 60분                 | IMPOSSIBLE
            24시                          | IMPOSSIBLE
            13pm                          | IMPOSSIBLE
            0am                           | IMPOSSIBLE
            13:30pm                       | IMPOSSIBLE
            tonight 9am                   | IMPOSSIBLE
            # --- AMBIGUOUS: an hour that could be am or pm
            3시                           | AMBIGUOUS
            내일 3시                      | AMBIGUOUS
            3시 30분                      | AMBIGUOUS
            12시                          | AMBIGUOUS
            tomorrow 3                    | AMBIGUOUS
            at 5                          | AMBIGUOUS
            12/1 7                        | AMBIGUOUS
            오전 12시                     | AMBIGUOUS
            오전 12시 30분                | AMBIGUOUS
            밤 2시                        | AMBIGUOUS
            # --- AMBIGUOUS: a day without a time, or a vague part of a day
            내일                          | AMBIGUOUS
            tomorrow                      | AMBIGUOUS
            tonight                       | AMBIGUOUS
            2026-12-01                    | AMBIGUOUS
            12월 1일                      | AMBIGUOUS
            금요일                        | AMBIGUOUS
            다음 주 월요일                | AMBIGUOUS
            내일 오후                     | AMBIGUOUS
            tomorrow evening              | AMBIGUOUS
            # --- AMBIGUOUS: which midnight?
            tomorrow midnight             | AMBIGUOUS
            내일 자정                     | AMBIGUOUS
            # --- PAST
            in 0m                         | PAST
            0m                            | PAST
            0분 후                        | PAST
            today 5pm                     | PAST
            tonight 3pm                   | PAST
            오늘 오후 3시                 | PAST
            2026-11-27 20:13              | PAST
            2026-11-27 20:00              | PAST
            2025-12-01 10:00              | PAST
            1/5 10:00                     | PAST
            11월 27일 오후 8시            | PAST
            이번 주 월요일 오전 10시      | PAST
            # --- TOO_FAR
            in 367 days                   | TOO_FAR
            in 53 weeks                   | TOO_FAR
            2028-01-01 10:00              | TOO_FAR
            9999-12-31 23:59              | TOO_FAR
            in 99999999999999999999 days  | TOO_FAR
            in 9999999999999999 weeks     | TOO_FAR
            'Dec 1, 2027 10am'            | TOO_FAR
            """)
    void refuses(String text, Problem expected) {
        assertThat(refusal(parser, text, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "\u3000"})
    void blankIsEmpty(String text) {
        assertThat(refusal(parser, text, NOW)).isEqualTo(Problem.EMPTY);
    }

    @Test
    void wallClockFormsHaveNoSecondsAndRelativeFormsKeepWholeSeconds() {
        Instant messy = NOW.plusSeconds(5).plusNanos(123_456_789);
        assertThat(acceptedAt(parser, "in 1m", messy, SEOUL)).isEqualTo("2026-11-27T20:14:05");
        assertThat(acceptedAt(parser, "21:00", messy, SEOUL)).isEqualTo("2026-11-27T21:00");
        assertThat(refusal(parser, "in 0s", messy)).isEqualTo(Problem.PAST);
    }

    @Test
    void errKeepsTheTrimmedOriginalText() {
        WhenResult result = parser.parse("  Next Blursday  ", NOW);
        assertThat(result).isEqualTo(new WhenResult.Err(Problem.UNRECOGNIZED, "Next Blursday"));
    }

    @Test
    void monthDayDoesNotRollIntoNextYear() {
        Instant newYearsEve = ZonedDateTime.of(2026, 12, 31, 23, 0, 0, 0, SEOUL).toInstant();
        assertThat(refusal(parser, "1/1 9am", newYearsEve)).isEqualTo(Problem.PAST);
        assertThat(refusal(parser, "1월 1일 오전 9시", newYearsEve)).isEqualTo(Problem.PAST);
        assertThat(acceptedAt(parser, "2027-01-01 9am", newYearsEve, SEOUL)).isEqualTo("2027-01-01T09:00");
        assertThat(acceptedAt(parser, "9am", newYearsEve, SEOUL)).isEqualTo("2027-01-01T09:00");
        assertThat(acceptedAt(parser, "자정", newYearsEve, SEOUL)).isEqualTo("2027-01-01T00:00");
    }

    @Test
    void maxAheadIsConfigurable() {
        WhenParser week = new WhenParser(SEOUL, Duration.ofDays(7));
        assertThat(acceptedAt(week, "in 7 days", NOW, SEOUL)).isEqualTo("2026-12-04T20:13");
        assertThat(refusal(week, "in 8 days", NOW)).isEqualTo(Problem.TOO_FAR);
        assertThat(refusal(week, "12월 31일 오후 3시", NOW)).isEqualTo(Problem.TOO_FAR);
    }

    @Test
    void resultDoesNotDependOnTheJvmDefaultZone() {
        // Surefire runs in UTC, where "now" is still 11:13 on the same Friday; Seoul must win.
        assertThat(acceptedAt(parser, "today 9pm", NOW, SEOUL)).isEqualTo("2026-11-27T21:00");
    }

    @Test
    void rejectsBadConstruction() {
        assertThatThrownBy(() -> new WhenParser(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WhenParser(SEOUL, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class DaylightSaving {
        /** 01:00 EST on 2027-03-14; at 02:00 New York jumps to 03:00. */
        private final Instant beforeSpringForward =
                ZonedDateTime.of(2027, 3, 14, 1, 0, 0, 0, NEW_YORK).toInstant();

        private final Instant fridayInNewYork =
                ZonedDateTime.of(2026, 11, 27, 20, 13, 0, 0, NEW_YORK).toInstant();
        private final WhenParser ny = new WhenParser(NEW_YORK);

        @ParameterizedTest
        @ValueSource(strings = {"2027-03-14 02:30", "2027-03-14 2:30am", "March 14, 2027 2:15am"})
        void gapIsImpossible(String text) {
            assertThat(refusal(ny, text, fridayInNewYork)).isEqualTo(Problem.IMPOSSIBLE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2027-11-07 01:30", "2027-11-07 1:00am", "2027년 11월 7일 새벽 1시 59분"})
        void overlapIsAmbiguous(String text) {
            assertThat(refusal(ny, text, fridayInNewYork)).isEqualTo(Problem.AMBIGUOUS);
        }

        @Test
        void timesAroundTheTransitionsAreFine() {
            WhenResult result = ny.parse("2027-03-14 03:30", fridayInNewYork);
            assertThat(((WhenResult.Ok) result).at().getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
            assertThat(acceptedAt(ny, "2027-11-07 02:30", fridayInNewYork, NEW_YORK))
                    .isEqualTo("2027-11-07T02:30");
        }

        @Test
        void timeOnlyInTodaysGapIsImpossibleNotSilentlyMoved() {
            assertThat(refusal(ny, "2:30", beforeSpringForward)).isEqualTo(Problem.IMPOSSIBLE);
            assertThat(acceptedAt(ny, "3:30", beforeSpringForward, NEW_YORK)).isEqualTo("2027-03-14T03:30");
        }

        @Test
        void relativeFormsCountElapsedTimeAcrossTheJump() {
            assertThat(acceptedAt(ny, "in 2h", beforeSpringForward, NEW_YORK)).isEqualTo("2027-03-14T04:00");
        }

        @Test
        void seoulHasNoGap() {
            assertThat(acceptedAt(parser, "2027-03-14 02:30", NOW, SEOUL)).isEqualTo("2027-03-14T02:30");
        }
    }
}
