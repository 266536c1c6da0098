package org.campops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER2_ID;
import static org.campops.testing.fakediscord.FakeDiscord.CAMPER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.GENERAL_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTORS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.MENTOR_ID;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZERS_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.ORGANIZER_ID;
import static org.campops.testing.fakediscord.FakeDiscord.QA_FORUM_CHANNEL;
import static org.campops.testing.fakediscord.FakeDiscord.TAG_ANSWERED;
import static org.campops.testing.fakediscord.FakeDiscord.TAG_OBJECT_DETECTION;
import static org.campops.testing.fakediscord.FakeDiscord.TAG_UNANSWERED;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.campops.qa.QaService;
import org.campops.testing.Camp;
import org.campops.testing.CampE2E;
import org.campops.testing.EndToEnd;
import org.campops.testing.HandledMessages;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.contract.DiscordContract;
import org.campops.testing.fakediscord.FakeDiscord;
import org.campops.testing.fakediscord.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Q&A through the real JDA client against the fake Discord, with a clock the test controls. */
@CampE2E(mutableClock = true)
class QaEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TITLE = "데이터셋이 너무 커서 로딩이 느립니다";

    private Camp camp;
    private FakeDiscord fake;
    /** When the bot is done with a member's message, edit or deletion. */
    private HandledMessages handled;

    private MutableClock clock;

    @BeforeEach
    void attach(Camp camp) {
        this.camp = camp;
        fake = camp.fake();
        clock = camp.mutableClock();
        handled = HandledMessages.attach(camp.bot());
    }

    private String ask(String user, String title, String details, String topic) throws Exception {
        Map<String, Object> options = new java.util.LinkedHashMap<>();
        options.put("title", title);
        if (details != null) {
            options.put("details", details);
        }
        if (topic != null) {
            options.put("topic", topic);
        }
        // What the asker finally sees: under load the bot may acknowledge first and answer through the hook.
        assertThat(camp.slash(user, "ko", "ask", null, options)).contains("질문을 올렸어요");
        return threadOf(title);
    }

    @Test
    void askCreatesATaggedForumPostAndRecordsTheThread() throws Exception {
        String thread = ask(CAMPER_ID, TITLE, "DataLoader num_workers 를 늘려도 느려요", "Object Detection");
        RecordedRequest post = fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads")
                .get(0);
        JsonNode body = post.jsonBody();
        assertThat(body.path("name").asText()).isEqualTo(TITLE);
        assertThat(body.path("applied_tags").toString()).contains(TAG_OBJECT_DETECTION, TAG_UNANSWERED);
        assertThat(body.path("message").path("content").asText())
                .contains(TITLE)
                .contains("<@" + CAMPER_ID + ">");
        assertThat(body.path("message").path("components").toString()).contains("qa:resolve:1");
        assertThat(camp.rows("SELECT status || ' ' || topic FROM question")).containsExactly("OPEN Object Detection");

        // Replies become answer rows, with edits and deletions.
        String camperReply = fake.sendMessageCreate(thread, CAMPER2_ID, "저도 같은 문제가 있어요");
        String mentorReply = fake.sendMessageCreate(thread, MENTOR_ID, "pin_memory=True 와 데이터셋 캐시를 써 보세요");
        handled.awaitCreated(camperReply, WAIT);
        handled.awaitCreated(mentorReply, WAIT);
        assertThat(camp.rows("SELECT author_role FROM answer ORDER BY id")).containsExactly("CAMPER", "MENTOR");
        assertThat(camp.rows("SELECT first_mentor_id FROM question")).containsExactly(MENTOR_ID);
        fake.sendMessageUpdate(thread, mentorReply, "pin_memory=True, num_workers=8, 캐시를 써 보세요");
        handled.awaitEdited(mentorReply, WAIT);
        assertThat(camp.rows("SELECT message_id FROM answer WHERE edited_at IS NOT NULL"))
                .containsExactly(mentorReply);
        fake.sendMessageDelete(thread, camperReply);
        handled.awaitDeleted(camperReply, WAIT);
        assertThat(camp.rows("SELECT message_id FROM answer WHERE deleted_at IS NOT NULL"))
                .containsExactly(camperReply);

        // Search in Korean finds it by a differently inflected word, and by the answer's words.
        assertThat(EndToEnd.content(camp.slashCallback(CAMPER2_ID, "ko", "qa", "search", Map.of("query", "데이터셋을"))))
                .contains(TITLE);
        assertThat(EndToEnd.content(
                        camp.slashCallback(CAMPER2_ID, "ko", "qa", "search", Map.of("query", "num_workers"))))
                .contains(TITLE);

        // The mentor marks the reply as the answer: tag switches, row records who and which answer.
        JsonNode endorse =
                fake.callbackFor(fake.sendMessageCommand(MENTOR_ID, "ko", thread, "Mark as answer", mentorReply), WAIT);
        assertThat(EndToEnd.content(endorse)).contains("채택 답변");
        RecordedRequest patch =
                fake.awaitRequest(r -> r.method().equals("PATCH") && r.path().endsWith("/channels/" + thread), WAIT);
        assertThat(patch.jsonBody().path("applied_tags").toString())
                .contains(TAG_ANSWERED)
                .doesNotContain(TAG_UNANSWERED);
        assertThat(camp.rows("SELECT status || ' ' || resolved_by FROM question"))
                .containsExactly("ANSWERED " + MENTOR_ID);
        assertThat(camp.rows("SELECT endorsed FROM answer WHERE message_id = '" + mentorReply + "'"))
                .containsExactly("TRUE");
        EndToEnd.assertContract(fake);
        DiscordContract.load()
                .ifPresent(contract -> fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads")
                        .forEach(r -> assertThat(contract.violationsAgainstSchema(
                                        "CreateForumThreadRequest", r.jsonBody().toString()))
                                .isEmpty()));
    }

    @Test
    void askerResolvesWithTheButtonAndOthersCannot() throws Exception {
        String thread = ask(CAMPER_ID, "mAP 계산할 때 IoU threshold는 어떻게 정하나요?", null, null);
        JsonNode refused = camp.pressCallback(CAMPER2_ID, thread, thread, "qa:resolve:1");
        assertThat(EndToEnd.content(refused)).contains("Only the person who asked, mentors and organizers");
        assertThat(camp.rows("SELECT status FROM question")).containsExactly("OPEN");
        JsonNode ok = camp.pressCallback(CAMPER_ID, thread, thread, "qa:resolve:1");
        assertThat(EndToEnd.content(ok)).contains("marked as answered");
        assertThat(camp.rows("SELECT status || ' ' || resolved_by FROM question"))
                .containsExactly("ANSWERED " + CAMPER_ID);
        RecordedRequest patch =
                fake.awaitRequest(r -> r.method().equals("PATCH") && r.path().endsWith("/channels/" + thread), WAIT);
        assertThat(patch.jsonBody().path("applied_tags").toString()).contains(TAG_ANSWERED);
    }

    @Test
    void resolvingAnArchivedQuestionReopensItAndSwitchesTheTag() throws Exception {
        String thread = ask(CAMPER_ID, "오래된 질문: Cascade R-CNN 학습 설정", null, "Object Detection");
        fake.archiveThread(thread);
        // No wait needed: the press reaches the bot on the same gateway connection after the THREAD_UPDATE,
        // so the bot has seen the thread archived before it handles the press.
        String pressed = fake.sendButton(MENTOR_ID, thread, thread, "qa:resolve:1");
        assertThat(camp.answer(pressed)).contains("marked as answered");
        // It knew the thread was archived: it reopened it before writing.
        fake.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().equals("/channels/" + thread)
                        && r.jsonBody().path("archived").isBoolean()
                        && !r.jsonBody().path("archived").asBoolean(),
                WAIT);
        RecordedRequest tags = fake.awaitRequest(
                r -> r.method().equals("PATCH")
                        && r.path().endsWith("/channels/" + thread)
                        && r.jsonBody().has("applied_tags"),
                WAIT);
        assertThat(tags.jsonBody().path("applied_tags").toString()).contains(TAG_ANSWERED);
        fake.awaitRequest(
                r -> r.method().equals("POST") && r.path().endsWith("/channels/" + thread + "/messages"), WAIT);
    }

    @Test
    void nearDuplicateShowsTheEarlierQuestionFirst() throws Exception {
        String first = ask(
                CAMPER_ID, "Faster R-CNN 학습 중 CUDA out of memory가 나요", "batch size 8, RTX 3090", "Object Detection");
        JsonNode similar = camp.slashCallback(
                CAMPER2_ID,
                "ko",
                "ask",
                null,
                Map.of("title", "Faster R-CNN 학습할 때 CUDA out of memory 에러", "details", "batch size 를 줄여야 하나요?"));
        assertThat(EndToEnd.content(similar))
                .contains("비슷한 질문")
                .contains("CUDA out of memory가 나요")
                .contains(first);
        assertThat(similar.path("data").path("components").toString())
                .contains("qa:dupok:")
                .contains("qa:duppost:");
        assertThat(camp.rows("SELECT COUNT(*) FROM question")).containsExactly("1");

        String postAnyway = similar.path("data")
                .path("components")
                .get(0)
                .path("components")
                .get(1)
                .path("custom_id")
                .asText();
        String answeredThere = similar.path("data")
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("custom_id")
                .asText();
        // Someone else pressing the asker's draft buttons, or a draft id that never existed: the one refusal.
        String refusal = "This button or form is not valid any more. Run the command again to get a new one.";
        for (String forged : List.of(postAnyway, answeredThere, "qa:duppost:999", "qa:dupok:999")) {
            assertThat(camp.press(CAMPER_ID, GENERAL_CHANNEL, fake.newSnowflake(), forged))
                    .as(forged)
                    .isEqualTo(refusal);
        }
        assertThat(camp.rows("SELECT COUNT(*) FROM question")).containsExactly("1");
        JsonNode posted = camp.pressCallback(CAMPER2_ID, GENERAL_CHANNEL, fake.newSnowflake(), postAnyway);
        assertThat(posted.path("type").asInt()).isEqualTo(7);
        assertThat(EndToEnd.content(posted)).contains("is posted");
        assertThat(camp.rows("SELECT COUNT(*) FROM question")).containsExactly("2");
        // A second press after the draft was posted: the same refusal, nothing posted twice.
        assertThat(camp.press(CAMPER2_ID, GENERAL_CHANNEL, fake.newSnowflake(), postAnyway))
                .isEqualTo(refusal);
        assertThat(camp.rows("SELECT COUNT(*) FROM question")).containsExactly("2");
    }

    @Test
    void askWithoutTitleOpensAFormAndItsAnswerIsValidated() throws Exception {
        JsonNode modal = camp.slashCallback(CAMPER_ID, "en-US", "ask", null, Map.of("topic", "Segmentation"));
        assertThat(modal.path("type").asInt()).isEqualTo(9);
        String modalId = modal.path("data").path("custom_id").asText();
        JsonNode blank = fake.callbackFor(
                fake.sendModalSubmit(CAMPER_ID, GENERAL_CHANNEL, modalId, Map.of("title", "   ", "details", "")), WAIT);
        assertThat(EndToEnd.content(blank)).contains("title is empty");
        JsonNode ok = fake.callbackFor(
                fake.sendModalSubmit(
                        CAMPER_ID,
                        GENERAL_CHANNEL,
                        modalId,
                        Map.of("title", "U-Net skip connection 크기가 안 맞아요", "details", "")),
                WAIT);
        assertThat(EndToEnd.content(ok)).contains("is posted");
        assertThat(camp.rows("SELECT topic FROM question")).containsExactly("Segmentation");
    }

    @Test
    void badInputGetsClearEphemeralReplies() throws Exception {
        JsonNode longDetails =
                camp.slashCallback(CAMPER_ID, "en-US", "ask", null, Map.of("title", "x", "details", "y".repeat(5000)));
        assertThat(EndToEnd.content(longDetails)).contains("at most 1500");
        JsonNode topic = camp.slashCallback(CAMPER_ID, "en-US", "ask", null, Map.of("title", "x", "topic", "Cooking"));
        assertThat(EndToEnd.content(topic)).contains("no topic 'Cooking'").contains("Object Detection");
        JsonNode outside = camp.slashCallback(CAMPER_ID, "en-US", "qa", "resolve", Map.of());
        assertThat(EndToEnd.content(outside)).contains("inside a question's thread");
        for (JsonNode r : List.of(longDetails, topic, outside)) {
            assertThat(r.path("data").path("flags").asInt() & 64).isEqualTo(64);
        }
        assertThat(camp.rows("SELECT COUNT(*) FROM question")).containsExactly("0");
        JsonNode auto = fake.callbackFor(
                fake.sendAutocomplete(
                        CAMPER_ID, "en-US", GENERAL_CHANNEL, "ask", null, Map.of("topic", "seg"), "topic"),
                WAIT);
        assertThat(auto.path("data").path("choices").toString())
                .contains("Segmentation")
                .doesNotContain("Object Detection");
    }

    @Test
    void forgedButtonAndFormIdsFromAModifiedClientAreRefusedAndChangeNothing() throws Exception {
        String thread = ask(CAMPER_ID, "Mosaic augmentation 적용하면 mAP가 떨어져요", null, null);
        String refusal = "This button or form is not valid any more. Run the command again to get a new one.";
        for (String forged : List.of(
                "qa:resolve",
                "qa:resolve:abc",
                "qa:resolve:1:1",
                "qa:zap:1",
                "oh:rsvp",
                "oh:rsvp:x",
                "nothing",
                "qa:resolve:" + "9".repeat(80))) {
            String pressed = fake.sendButton(CAMPER_ID, thread, thread, forged);
            assertThat(camp.answer(pressed)).as(forged).isEqualTo(refusal);
        }
        for (String forged : List.of("qa:ask", "qa:ask:-1", "qa:ask:-1:yes", "qa:ask:one:0", "oh:ask:-1:0")) {
            JsonNode form = fake.callbackFor(
                    fake.sendModalSubmit(
                            CAMPER_ID, GENERAL_CHANNEL, forged, Map.of("title", "이건 올라가면 안 되는 질문", "details", "")),
                    WAIT);
            assertThat(EndToEnd.content(form)).as(forged).isEqualTo(refusal);
            assertThat(form.path("data").path("flags").asInt() & 64).isEqualTo(64);
        }
        assertThat(camp.rows("SELECT COUNT(*) || ' ' || MIN(status) FROM question"))
                .containsExactly("1 OPEN");
        assertThat(camp.rows("SELECT COUNT(*) FROM question_draft")).containsExactly("0");
        assertThat(fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads"))
                .hasSize(1);
    }

    @Test
    void aLongTitleIsCutForTheThreadNameWithoutSplittingAnEmoji() throws Exception {
        String title = "x".repeat(98) + "🙂🙂 and more";
        ask(CAMPER_ID, title, null, null);
        JsonNode body = fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads")
                .get(0)
                .jsonBody();
        assertThat(body.path("name").asText()).isEqualTo("x".repeat(98) + "…");
        assertThat(body.path("message").path("content").asText()).contains(title);
    }

    @Test
    void followUpDigestIsPostedOncePerIntervalToMentorsThenOrganizers() throws Exception {
        ask(CAMPER_ID, "FPN에서 feature map 크기가 안 맞아요", null, "Object Detection");
        // The next digest slot is a scheduled moment at its slot boundary.
        long every = camp.bot().app().service(QaService.class).digestEvery().getSeconds();
        long slot = clock.instant().getEpochSecond() / every + 1;
        assertThat(camp.bot()
                        .app()
                        .moments()
                        .nextFire(org.campops.qa.QaDigests.FEATURE, slot, org.campops.qa.QaDigests.KIND))
                .isEqualTo(Instant.ofEpochSecond(slot * every));
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isZero();

        clock.advance(Duration.ofHours(13));
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isEqualTo(1);
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isZero();
        JsonNode digest = fake.awaitMessagesPostedTo(MENTORS_CHANNEL, 1, WAIT).get(0);
        assertThat(digest.path("content").asText())
                .contains("FPN에서 feature map")
                .contains("12시간");
        assertThat(camp.bot().app().dispatcher().drain(WAIT))
                .as("outbox drained")
                .isZero();
        assertThat(fake.messagesPostedTo(ORGANIZERS_CHANNEL)).isEmpty();

        clock.advance(Duration.ofHours(12));
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isEqualTo(2);
        assertThat(fake.awaitMessagesPostedTo(ORGANIZERS_CHANNEL, 1, WAIT)
                        .get(0)
                        .path("content")
                        .asText())
                .contains("24시간");

        // Once a mentor replies, the question leaves the digests.
        String thread = threadOf("FPN에서 feature map 크기가 안 맞아요");
        String reply = fake.sendMessageCreate(thread, MENTOR_ID, "FPN 입력 크기를 32의 배수로 맞춰 보세요");
        handled.awaitCreated(reply, WAIT);
        assertThat(camp.rows("SELECT COUNT(*) FROM question WHERE first_mentor_reply_at IS NOT NULL"))
                .containsExactly("1");
        clock.advance(Duration.ofHours(1));
        assertThat(camp.bot().app().service(QaService.class).runDigest()).isZero();
    }

    @Test
    void anonymousAskersAreHiddenFromCampersAndMentorsButNotOrganizers() throws Exception {
        JsonNode reply = camp.slashCallback(
                CAMPER_ID, "ko", "ask", null, Map.of("title", "학습률을 얼마로 시작해야 하나요", "anonymous", true));
        assertThat(EndToEnd.content(reply)).contains("질문을 올렸어요");
        String thread = threadOf("학습률을 얼마로 시작해야 하나요");
        clock.advance(Duration.ofHours(25));
        camp.bot().app().service(QaService.class).runDigest();
        fake.awaitMessagesPostedTo(ORGANIZERS_CHANNEL, 1, WAIT);

        List<String> seen = new ArrayList<>();
        fake.requests("POST", "/channels/.*/threads").forEach(r -> seen.add(r.body()));
        fake.requests("POST", "/channels/.*/messages").forEach(r -> seen.add(r.body()));
        seen.add(EndToEnd.content(camp.slashCallback(CAMPER2_ID, "ko", "qa", "search", Map.of("query", "학습률"))));
        seen.add(EndToEnd.content(camp.slashCallback(MENTOR_ID, "ko", "qa", "unanswered", Map.of())));
        assertThat(String.join("\n", seen)).contains("익명 캠퍼").contains("학습률을").doesNotContain(CAMPER_ID);

        JsonNode refused = camp.slashCallback(MENTOR_ID, "ko", "qa", "whoasked", Map.of("id", 1));
        assertThat(EndToEnd.content(refused)).doesNotContain(CAMPER_ID).contains("운영진");
        // The anonymous asker resolving their own question stays anonymous in the thread.
        camp.pressCallback(CAMPER_ID, thread, thread, "qa:resolve:1");
        JsonNode note = fake.awaitMessagesPostedTo(thread, 1, WAIT).get(0);
        assertThat(note.path("content").asText()).contains("익명 캠퍼").doesNotContain(CAMPER_ID);
        JsonNode who = camp.slashCallback(ORGANIZER_ID, "ko", "qa", "whoasked", Map.of("id", 1));
        assertThat(EndToEnd.content(who)).contains("<@" + CAMPER_ID + ">").contains("기록");
        assertThat(camp.rows("SELECT organizer_id FROM anonymity_lookup")).containsExactly(ORGANIZER_ID);
        // Hidden, not forgotten: the row keeps who asked (that is what /qa whoasked reads).
        assertThat(camp.rows("SELECT anonymous || ' ' || asker_id FROM question WHERE thread_id = '" + thread + "'"))
                .containsExactly("TRUE " + CAMPER_ID);
    }

    @Test
    void organizersSeeStatistics() throws Exception {
        String thread = ask(CAMPER_ID, "Mask R-CNN loss가 nan이 돼요", null, "Segmentation");
        clock.advance(Duration.ofHours(2));
        String reply = fake.sendMessageCreate(thread, MENTOR_ID, "learning rate 를 낮춰 보세요");
        handled.awaitCreated(reply, WAIT);
        assertThat(camp.rows("SELECT COUNT(*) FROM answer")).containsExactly("1");
        JsonNode stats = camp.slashCallback(ORGANIZER_ID, "en-US", "qa", "stats", Map.of());
        assertThat(EndToEnd.content(stats))
                .contains("Segmentation: 1 questions")
                .contains("median first mentor reply 2h ·")
                .contains("100% within target")
                .contains("<@" + MENTOR_ID + ">");
        assertThat(EndToEnd.content(camp.slashCallback(MENTOR_ID, "en-US", "qa", "stats", Map.of())))
                .contains("organizers only");
    }

    @Test
    void aTextChannelGetsAThreadPerQuestionInsteadOfAForumPost() throws Exception {
        var base = TestConfig.load();
        var qa = base.qa();
        var config = base.withQa(new org.campops.config.CampConfig.QaSettings(
                FakeDiscord.QA_TEXT_CHANNEL,
                qa.topics(),
                qa.unansweredTag(),
                qa.answeredTag(),
                qa.followUpAfter(),
                qa.escalateAfter(),
                qa.digestEvery(),
                qa.allowAnonymous(),
                qa.indexFolder()));
        camp.restart(config);
        handled = HandledMessages.attach(camp.bot());
        String thread = ask(CAMPER_ID, "Kaggle 제출 파일 형식이 맞는지 모르겠어요", null, null);
        fake.awaitRequest("POST", "/channels/" + FakeDiscord.QA_TEXT_CHANNEL + "/messages/[0-9]+/threads", WAIT);
        String reply = fake.sendMessageCreate(thread, MENTOR_ID, "sample_submission.csv 와 같은 열 순서를 쓰세요");
        handled.awaitCreated(reply, WAIT);
        assertThat(camp.rows("SELECT COUNT(*) FROM answer")).containsExactly("1");
        JsonNode resolved = fake.callbackFor(fake.sendSlash(CAMPER_ID, "ko", thread, "qa", "resolve", Map.of()), WAIT);
        assertThat(EndToEnd.content(resolved)).contains("해결됨으로 표시했어요");
        assertThat(camp.rows("SELECT status FROM question")).containsExactly("ANSWERED");
    }

    @Test
    void aQuestionsMaskedLinksShowTheirRealAddressAndItsMassMentionsPingNobody() throws Exception {
        String title = "[discord.com/nitro](https://evil.example/t) 무료 @everyone";
        String details = "자료: [docs.python.org](<https://evil.example/d>) [[a](https://a.example)](https://b.example)"
                + " @here <@&" + FakeDiscord.CAMPER_ROLE + "> `handlers[k](x)`";
        String thread = ask(CAMPER_ID, title, details, null);

        JsonNode body = fake.requests("POST", "/channels/" + QA_FORUM_CHANNEL + "/threads")
                .get(0)
                .jsonBody();
        assertThat(body.path("message").path("allowed_mentions").path("parse")).isEmpty();
        assertThat(body.path("message").path("allowed_mentions").path("roles")).isEmpty();
        assertThat(body.path("name").asText())
                .startsWith("[discord.com/nitro] (https://evil.example/t)")
                .doesNotContain("](", "@everyone");
        // What the forum shows: the real addresses as plain text, no masked link, no mass or role mention.
        JsonNode starter = fake.createdMessagesIn(thread).get(0);
        assertThat(starter.path("content").asText())
                .contains(
                        "[discord.com/nitro] (https://evil.example/t)",
                        "[docs.python.org] (<https://evil.example/d>)",
                        "[[a] (https://a.example)] (https://b.example)",
                        "`handlers[k] (x)`")
                .doesNotContain("](", "@everyone", "@here", "<@&");
        assertThat(starter.path("mention_everyone").asBoolean()).isFalse();
        assertThat(starter.path("mention_roles")).isEmpty();
        // The database keeps what the member typed; only what the bot shows is defused.
        assertThat(camp.rows("SELECT details FROM question")).containsExactly(details);
    }

    private String threadOf(String title) throws Exception {
        List<String> t = camp.rows("SELECT thread_id FROM question WHERE title = '" + title.replace("'", "''") + "'");
        assertThat(t).hasSize(1);
        return t.get(0);
    }
}
