package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.campops.testing.fakediscord.FakeDiscord.ANNOUNCEMENTS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.GUILD_ID;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;

import biweekly.Biweekly;
import biweekly.ICalendar;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.officehours.OfficeHourService;
import org.campops.testing.BotExtension;
import org.campops.testing.Camp;
import org.campops.testing.EndToEnd;
import org.campops.testing.MutableClock;
import org.campops.testing.contract.DiscordContract;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Office hours through the real JDA client against the fake Discord. */
class OfficeHoursEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final MutableClock clock = new MutableClock(Instant.now());
    /** Three days ahead at 19:00 Seoul time. */
    private final ZonedDateTime start =
            ZonedDateTime.now(SEOUL).plusDays(3).withHour(19).truncatedTo(ChronoUnit.HOURS);

    @RegisterExtension
    final BotExtension extension = BotExtension.builder().clock(() -> clock).build();

    private Camp camp;
    private FakeDiscord fake;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
    }

    private static String at(ZonedDateTime t) {
        return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private JsonNode schedule(String user, String title, ZonedDateTime when, Map<String, Object> more) {
        Map<String, Object> options = new java.util.LinkedHashMap<>(Map.of("title", title, "start", at(when)));
        options.putAll(more);
        JsonNode reply = camp.slashCallback(user, "en-US", "officehours", "schedule", options);
        // The announcement's ids are filled in when Discord answered it.
        try {
            assertThat(camp.bot().app().dispatcher().drain(WAIT))
                    .as("outbox drained")
                    .isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return reply;
    }

    @Test
    void scheduleAnnouncesCreatesTheEventAndTriggersAtTheRightInstants() throws Exception {
        JsonNode reply = schedule(
                ORGANIZER_ID,
                "Mask R-CNN code walkthrough",
                start,
                Map.of(
                        "topic",
                        "Object Detection",
                        "where",
                        "https://zoom.us/j/123",
                        "host",
                        FakeDiscord.userOption(MENTOR_ID)));
        assertThat(EndToEnd.content(reply)).contains("Office hour #1 is scheduled");

        RecordedRequest post = fake.awaitRequest(
                r -> r.method().equals("POST") && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages"),
                WAIT);
        assertThat(post.jsonBody().path("content").asText())
                .contains("Mask R-CNN code walkthrough")
                .contains("<t:" + start.toEpochSecond() + ":F>")
                .contains("<@" + MENTOR_ID + ">");
        assertThat(post.jsonBody().path("components").toString()).contains("oh:rsvp:1");
        assertThat(post.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("officehour-1.ics");
            ICalendar ical = Biweekly.parse(f.content()).first();
            assertThat(ical.getEvents()).singleElement().satisfies(e -> {
                assertThat(e.getDateStart().getValue().toInstant()).isEqualTo(start.toInstant());
                assertThat(e.getDateStart().getValue().hasTime()).isTrue();
                assertThat(e.getDateEnd().getValue().toInstant())
                        .isEqualTo(start.plusHours(1).toInstant());
            });
        });
        fake.awaitRequest("POST", "/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages/[0-9]+/threads", WAIT);

        RecordedRequest event = fake.awaitRequest("POST", "/guilds/" + GUILD_ID + "/scheduled-events", WAIT);
        assertThat(event.jsonBody().path("entity_type").asInt()).isEqualTo(3);
        assertThat(event.jsonBody().path("entity_metadata").path("location").asText())
                .isEqualTo("https://zoom.us/j/123");
        assertThat(Instant.parse(event.jsonBody().path("scheduled_start_time").asText()))
                .isEqualTo(start.toInstant());
        DiscordContract.load()
                .ifPresent(c -> assertThat(c.violations(
                                "POST", event.path(), event.jsonBody().toString()))
                        .isEmpty());

        var scheduling = camp.bot().app().scheduling();
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "remind-PT24H"))
                .isEqualTo(start.minusHours(24).toInstant());
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "remind-PT1H"))
                .isEqualTo(start.minusHours(1).toInstant());
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "remind-PT10M"))
                .isEqualTo(start.minusMinutes(10).toInstant());
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "agenda"))
                .isEqualTo(start.minusHours(1).toInstant());
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "start"))
                .isEqualTo(start.toInstant());
        EndToEnd.assertContract(fake);
    }

    @Test
    void rsvpCountsAndRemindersReachTheChannelAndRsvpsOnlyOnceAcrossARestart() throws Exception {
        schedule(ORGANIZER_ID, "Paper reading: DETR", start, Map.of());
        String messageId = camp.rows("SELECT message_id FROM office_hour").get(0);
        JsonNode rsvp = camp.pressCallback(CAMPER_ID, ANNOUNCEMENTS_CHANNEL, messageId, "oh:rsvp:1");
        assertThat(EndToEnd.content(rsvp)).contains("You're attending");
        RecordedRequest edit = fake.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages/" + messageId),
                WAIT);
        assertThat(edit.jsonBody().path("components").toString()).contains("(1)");
        assertThat(camp.rows("SELECT user_id FROM office_hour_rsvp")).containsExactly(CAMPER_ID);

        clock.set(start.minusHours(1).toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "remind-PT1H");
        camp.bot().app().service(OfficeHourService.class).fire(1, "remind-PT1H");
        fake.awaitRequest(
                r -> r.path().endsWith("/channels/" + FakeDiscord.dmChannelOf(CAMPER_ID) + "/messages"), WAIT);

        camp.restart();
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "start"))
                .isEqualTo(start.toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "remind-PT1H");
        clock.set(start.toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "start");
        fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages")
                        && r.jsonBody().path("content").asText().contains("지금 시작해요"),
                WAIT);

        List<String> channelPosts = new ArrayList<>();
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        fake.messagesPostedTo(ANNOUNCEMENTS_CHANNEL)
                .forEach(m -> channelPosts.add(m.path("content").asText()));
        assertThat(channelPosts.stream().filter(t -> t.contains("⏰"))).hasSize(1);
        assertThat(channelPosts.stream().filter(t -> t.contains("지금 시작해요"))).hasSize(1);
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(2);
        assertThat(fake.dmsTo(CAMPER2_ID)).isEmpty();
    }

    @Test
    void aTriggerFiresByItselfOnceEvenWhenTheBotRestartsBeforeIt() throws Exception {
        camp.slashCallback(
                ORGANIZER_ID,
                "en-US",
                "officehours",
                "schedule",
                Map.of("title", "Quick sync", "start", "in 4s", "duration", 15));
        Instant startAt = camp.bot()
                .app()
                .service(OfficeHourService.class)
                .find(1)
                .orElseThrow()
                .startAt();
        assertThat(startAt).isCloseTo(clock.instant().plusSeconds(4), within(1, ChronoUnit.SECONDS));
        camp.restart();
        fake.awaitRequest(
                r -> r.method().equals("POST")
                        && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages")
                        && r.jsonBody().path("content").asText().contains("지금 시작해요"),
                WAIT);
        // By itself and at its time (Quartz may fire a couple of milliseconds early), not as soon as the bot came back.
        assertThat(Instant.now()).isAfter(startAt.minusMillis(100));

        // Stopping the bot waits for running jobs; after that nothing can post. A second firing has either posted
        // by now or would still have its trigger stored.
        camp.stop();
        assertThat(fake.messagesPostedTo(ANNOUNCEMENTS_CHANNEL).stream()
                        .filter(m -> m.path("content").asText().contains("지금 시작해요")))
                .hasSize(1);
        assertThat(camp.rows("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'officehour-1'"))
                .isEmpty();
        assertThat(camp.rows("SELECT status FROM outbox WHERE delivery_key LIKE 'oh:1:%:start:channel'"))
                .containsExactly("SENT");
    }

    @Test
    void cancelAndRescheduleLeaveNoStaleTriggerOrEvent() throws Exception {
        schedule(ORGANIZER_ID, "Segmentation Q&A", start, Map.of("topic", "Segmentation"));
        String messageId = camp.rows("SELECT message_id FROM office_hour").get(0);
        assertThat(camp.press(CAMPER_ID, ANNOUNCEMENTS_CHANNEL, messageId, "oh:rsvp:1"))
                .contains("You're attending");

        ZonedDateTime later = start.plusDays(1);
        JsonNode moved = camp.slashCallback(
                ORGANIZER_ID, "en-US", "officehours", "reschedule", Map.of("id", 1, "start", at(later)));
        assertThat(EndToEnd.content(moved)).contains("now starts");
        RecordedRequest movedPost = fake.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().endsWith("/channels/" + ANNOUNCEMENTS_CHANNEL + "/messages/" + messageId)
                        && r.jsonBody().path("content").asText().contains("<t:" + later.toEpochSecond() + ":F>"),
                WAIT);
        assertThat(movedPost.files())
                .singleElement()
                .satisfies(f -> assertThat(Biweekly.parse(f.content())
                                .first()
                                .getEvents()
                                .get(0)
                                .getDateStart()
                                .getValue()
                                .toInstant())
                        .isEqualTo(later.toInstant()));
        var scheduling = camp.bot().app().scheduling();
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "start"))
                .isEqualTo(later.toInstant());
        assertThat(camp.bot().app().moments().nextFire("officehour", 1, "remind-PT1H"))
                .isEqualTo(later.minusHours(1).toInstant());
        RecordedRequest patch = fake.awaitRequest("PATCH", "/guilds/" + GUILD_ID + "/scheduled-events/[0-9]+", WAIT);
        assertThat(Instant.parse(patch.jsonBody().path("scheduled_start_time").asText()))
                .isEqualTo(later.toInstant());
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        assertThat(fake.dmsTo(CAMPER_ID))
                .anySatisfy(m -> assertThat(m.path("content").asText()).contains("옮겨졌어요"));

        JsonNode cancelled = camp.slashCallback(ORGANIZER_ID, "en-US", "officehours", "cancel", Map.of("id", 1));
        assertThat(EndToEnd.content(cancelled)).contains("is cancelled");
        for (String kind : List.of("remind-PT24H", "remind-PT1H", "remind-PT10M", "agenda", "start")) {
            assertThat(camp.bot().app().moments().nextFire("officehour", 1, kind))
                    .as(kind)
                    .isNull();
        }
        fake.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().matches(".*/scheduled-events/[0-9]+")
                        && r.jsonBody().path("status").asInt() == 4,
                WAIT);
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        assertThat(fake.dmsTo(CAMPER_ID))
                .anySatisfy(m -> assertThat(m.path("content").asText()).contains("취소됐어요"));
        assertThat(camp.rows("SELECT status FROM office_hour")).containsExactly("CANCELLED");
        clock.set(later.toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "start");
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        assertThat(fake.messagesPostedTo(ANNOUNCEMENTS_CHANNEL).stream()
                        .filter(m -> m.path("content").asText().contains("지금 시작해요")))
                .isEmpty();
        EndToEnd.assertContract(fake);
    }

    @Test
    void agendaListsExactlyTheOpenQuestionsOnTheTopic() throws Exception {
        ask("FPN feature map 크기가 안 맞아요", "Object Detection");
        ask("Anchor box 크기는 어떻게 정하나요", "Object Detection");
        ask("U-Net skip connection 질문", "Segmentation");
        ask("이미 해결된 Object Detection 질문", "Object Detection");
        String resolvedThread = camp.rows("SELECT thread_id FROM question WHERE title LIKE '이미%'")
                .get(0);
        camp.press(CAMPER_ID, resolvedThread, resolvedThread, "qa:resolve:4");
        assertThat(camp.rows("SELECT status FROM question WHERE thread_id = '" + resolvedThread + "'"))
                .containsExactly("ANSWERED");

        schedule(ORGANIZER_ID, "Detection open Q&A", start, Map.of("topic", "Object Detection"));
        String thread = camp.rows("SELECT thread_id FROM office_hour").get(0);
        clock.set(start.minusHours(1).toInstant());
        camp.bot().app().service(OfficeHourService.class).fire(1, "agenda");
        JsonNode agenda = fake.awaitMessagesPostedTo(thread, 1, WAIT).get(0);
        String text = agenda.path("content").asText();
        assertThat(text)
                .contains("FPN feature map")
                .contains("Anchor box")
                .doesNotContain("U-Net")
                .doesNotContain("이미 해결된");
        assertThat(agenda.path("components").toString())
                .contains("qa:resolve:1")
                .contains("qa:resolve:2")
                .doesNotContain("qa:resolve:3")
                .doesNotContain("qa:resolve:4");
    }

    @Test
    void agendaReachesAnArchivedThreadAndMissedRemindersDoNotPileUp() throws Exception {
        ask("Cascade R-CNN 질문", "Object Detection");
        schedule(ORGANIZER_ID, "Detection office hour", start, Map.of("topic", "Object Detection"));
        String messageId = camp.rows("SELECT message_id FROM office_hour").get(0);
        assertThat(camp.press(CAMPER_ID, ANNOUNCEMENTS_CHANNEL, messageId, "oh:rsvp:1"))
                .contains("You're attending");
        String thread = camp.rows("SELECT thread_id FROM office_hour").get(0);
        // The RSVP's announcement edit goes out first (its answer carries the thread as it was then).
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        fake.archiveThread(thread);
        // The triggers below run on this thread, not through the gateway: wait until the bot has seen the archiving.
        EndToEnd.awaitGatewayHandled(fake, WAIT);

        // The bot was down from a day before until 5 minutes before the start: only the 10-minute reminder goes out.
        clock.set(start.minusMinutes(5).toInstant());
        for (String kind : List.of("remind-PT24H", "remind-PT1H", "agenda", "remind-PT10M")) {
            camp.bot().app().service(OfficeHourService.class).fire(1, kind);
        }
        assertThat(fake.awaitMessagesPostedTo(thread, 1, WAIT)
                        .get(0)
                        .path("content")
                        .asText())
                .contains("Cascade R-CNN");
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        // It knew the thread was archived: it reopened it before writing.
        assertThat(fake.requests("PATCH", "/channels/" + thread))
                .as("PATCHes of the thread")
                .anySatisfy(r -> assertThat(r.jsonBody().path("archived").isBoolean()
                                && !r.jsonBody().path("archived").asBoolean())
                        .isTrue());
        assertThat(fake.messagesPostedTo(ANNOUNCEMENTS_CHANNEL).stream()
                        .filter(m -> m.path("content").asText().contains("⏰")))
                .hasSize(1);
        assertThat(fake.dmsTo(CAMPER_ID)).hasSize(1);
    }

    @Test
    void aDoubleClickedConfirmationAnnouncesOnce() throws Exception {
        schedule(MENTOR_ID, "First", start, Map.of());
        schedule(MENTOR_ID, "Second", start.plusMinutes(30), Map.of());
        String a = fake.sendButton(MENTOR_ID, GENERAL_CHANNEL, fake.newSnowflake(), "oh:confirm:2");
        String b = fake.sendButton(MENTOR_ID, GENERAL_CHANNEL, fake.newSnowflake(), "oh:confirm:2");
        // Both presses fully handled (answers come last, even when the bot had to defer them).
        assertThat(List.of(camp.answer(a), camp.answer(b)))
                .satisfiesExactlyInAnyOrder(
                        t -> assertThat(t).contains("Office hour #2 is scheduled"),
                        t -> assertThat(t).contains("not valid any more"));
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        assertThat(fake.requests("POST", "/guilds/" + GUILD_ID + "/scheduled-events"))
                .hasSize(2);
        assertThat(fake.messagesPostedTo(ANNOUNCEMENTS_CHANNEL).stream()
                        .filter(m -> m.path("content").asText().contains("Second")))
                .hasSize(1);
    }

    @Test
    void badRequestsAreRefusedClearly() throws Exception {
        assertThat(EndToEnd.content(schedule(ORGANIZER_ID, "Past", start.minusYears(1), Map.of())))
                .contains("already passed");
        assertThat(EndToEnd.content(schedule(ORGANIZER_ID, "Zero", start, Map.of("duration", 0))))
                .contains("10 to 240 minutes, not 0");
        assertThat(EndToEnd.content(schedule(ORGANIZER_ID, "Long", start, Map.of("duration", 1000))))
                .contains("not 1000");
        assertThat(EndToEnd.content(schedule(
                        MENTOR_ID, "For someone else", start, Map.of("host", FakeDiscord.userOption(ORGANIZER_ID)))))
                .contains("Only organizers can schedule office hours for someone else");
        assertThat(EndToEnd.content(schedule(CAMPER_ID, "Camper", start, Map.of())))
                .contains("mentors only");
        assertThat(EndToEnd.content(schedule(ORGANIZER_ID, "Huge", start, Map.of("duration", 3000000000L))))
                .contains("10 to 240 minutes");
        assertThat(EndToEnd.content(schedule(
                        ORGANIZER_ID, "Text room", start, Map.of("where", "<#" + FakeDiscord.GENERAL_CHANNEL + ">"))))
                .contains("takes a voice channel");
        assertThat(camp.rows("SELECT COUNT(*) FROM office_hour")).containsExactly("0");

        schedule(MENTOR_ID, "My own session", start, Map.of());
        JsonNode overlap = schedule(MENTOR_ID, "Overlapping", start.plusMinutes(30), Map.of());
        assertThat(EndToEnd.content(overlap))
                .contains("already has office hours at that time")
                .contains("My own session");
        assertThat(overlap.path("data").path("components").toString())
                .contains("oh:confirm:2")
                .contains("oh:discard:2");
        assertThat(camp.rows("SELECT status FROM office_hour ORDER BY id")).containsExactly("SCHEDULED", "PENDING");
        // Someone else (even an organizer) pressing the mentor's choice, or an id that never existed: the one refusal.
        for (String forged : List.of("oh:confirm:2", "oh:discard:2", "oh:confirm:99")) {
            assertThat(camp.press(ORGANIZER_ID, GENERAL_CHANNEL, fake.newSnowflake(), forged))
                    .as(forged)
                    .contains("not valid any more");
        }
        assertThat(camp.rows("SELECT status FROM office_hour ORDER BY id")).containsExactly("SCHEDULED", "PENDING");
        JsonNode kept = camp.pressCallback(MENTOR_ID, GENERAL_CHANNEL, fake.newSnowflake(), "oh:discard:2");
        assertThat(EndToEnd.content(kept)).contains("Nothing was scheduled");
        assertThat(camp.rows("SELECT status FROM office_hour ORDER BY id")).containsExactly("SCHEDULED");
    }

    @Test
    void calendarCommandSendsAllUpcomingAsIcs() throws Exception {
        schedule(ORGANIZER_ID, "One", start, Map.of());
        schedule(ORGANIZER_ID, "Two", start.plusDays(1), Map.of());
        String id = fake.sendSlash(CAMPER_ID, "en-US", GENERAL_CHANNEL, "officehours", "calendar", Map.of());
        camp.callback(id);
        RecordedRequest callback = fake.awaitRequest(r -> r.path().contains("/interactions/" + id + "/"), WAIT);
        assertThat(callback.files()).singleElement().satisfies(f -> {
            String ics = f.content();
            assertThat(ics).contains("BEGIN:VCALENDAR").contains("DTSTART:").doesNotContain("VALUE=DATE:");
            assertThat(Biweekly.parse(ics).first().getEvents()).hasSize(2);
        });
        JsonNode list = camp.slashCallback(CAMPER_ID, "en-US", "officehours", "list", Map.of());
        assertThat(EndToEnd.content(list)).contains("One").contains("Two").contains("0 attending");
    }

    private void ask(String title, String topic) throws Exception {
        JsonNode r = camp.slashCallback(CAMPER_ID, "ko", "ask", null, Map.of("title", title, "topic", topic));
        if (EndToEnd.content(r).contains("비슷한 질문")) {
            String post = r.path("data")
                    .path("components")
                    .get(0)
                    .path("components")
                    .get(1)
                    .path("custom_id")
                    .asText();
            assertThat(camp.press(CAMPER_ID, GENERAL_CHANNEL, fake.newSnowflake(), post))
                    .contains("is posted");
        }
    }
}
