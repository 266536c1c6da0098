package org.campops.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiscordContractTest {

    private static final String CALLBACK = "/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb24-tok_en/callback";
    private static final String MESSAGES = "/api/v10/channels/1100000000000000001/messages";
    private static final String GUILD_COMMANDS =
            "/api/v10/applications/1200000000000000002/guilds/1300000000000000003/commands";
    private static final String SCHEDULED_EVENTS = "/api/v10/guilds/1300000000000000003/scheduled-events";
    private static final String THREADS = "/api/v10/channels/1100000000000000004/threads";
    private static final String DM_CHANNELS = "/api/v10/users/@me/channels";

    private DiscordContract contract;

    @BeforeEach
    void loadSpec() {
        DiscordContract.assumeSpecPresent();
        contract = DiscordContract.load().orElseThrow();
    }

    private List<String> check(String method, String path, String body) {
        return contract.violations(method, path, body);
    }

    // ------------------------------------------------------------------------------------ interactions

    @Nested
    class InteractionCallback {

        @Test
        void ephemeralReplyIsValid() {
            assertThat(
                            check(
                                    "POST",
                                    CALLBACK,
                                    "{\"type\":4,\"data\":{\"content\":\"hi\",\"flags\":64,\"allowed_mentions\":{\"parse\":[]}}}"))
                    .isEmpty();
        }

        @Test
        void deferredReplyIsValid() {
            assertThat(check("POST", CALLBACK, "{\"type\":5}")).isEmpty();
            assertThat(check("POST", CALLBACK, "{\"type\":5,\"data\":{\"flags\":64}}"))
                    .isEmpty();
        }

        @Test
        void queryStringIsIgnored() {
            assertThat(check("POST", CALLBACK + "?with_response=true", "{\"type\":5}"))
                    .isEmpty();
        }

        @Test
        void modalWithLabelledTextInputsIsValid() {
            String modal = """
                    {"type":9,"data":{"custom_id":"feedback","title":"Daily feedback","components":[
                      {"type":18,"label":"What went well?","description":null,
                       "component":{"type":4,"custom_id":"good","style":2,"required":true,"max_length":1000}},
                      {"type":1,"components":[{"type":4,"custom_id":"name","style":1,"label":"Name","required":false}]}
                    ]}}""";
            assertThat(check("POST", CALLBACK, modal)).isEmpty();
        }

        @Test
        void nonIntegerTypeIsInvalid() {
            assertThat(check("POST", CALLBACK, "{\"type\":\"x\"}"))
                    .containsExactly("/type: \"x\" is not one of [1, 4, 5, 6, 7, 8, 9, 12, 13]");
        }

        @Test
        void numericContentIsInvalidAndReportedOnlyForTheMatchingVariant() {
            assertThat(check("POST", CALLBACK, "{\"type\":4,\"data\":{\"content\":123}}"))
                    .containsExactly("/data/content: integer found, [string, null] expected");
        }

        @Test
        void modalWithoutCustomIdIsInvalid() {
            String modal = """
                    {"type":9,"data":{"custom_id":"feedback","title":"Daily feedback","components":[
                      {"type":18,"label":"What went well?","component":{"type":4,"style":2}}]}}""";
            assertThat(check("POST", CALLBACK, modal))
                    .containsExactly("/data/components/0/component: required property 'custom_id' not found");
        }

        @Test
        void unknownTextInputStyleIsInvalid() {
            String modal = """
                    {"type":9,"data":{"custom_id":"m","title":"t","components":[
                      {"type":18,"label":"l","component":{"type":4,"custom_id":"c","style":3}}]}}""";
            assertThat(check("POST", CALLBACK, modal))
                    .containsExactly("/data/components/0/component/style: 3 is not one of [1, 2]");
        }
    }

    // ---------------------------------------------------------------------------------------- messages

    @Nested
    class Messages {

        @Test
        void plainMessageIsValid() {
            assertThat(check(
                            "POST",
                            MESSAGES,
                            "{\"content\":\"hello\",\"allowed_mentions\":{\"parse\":[\"users\"]},\"components\":[]}"))
                    .isEmpty();
        }

        @Test
        void numericContentIsInvalid() {
            assertThat(check("POST", MESSAGES, "{\"content\":42}"))
                    .containsExactly("/content: integer found, [string, null] expected");
        }

        @Test
        void unknownAllowedMentionTypeIsInvalid() {
            assertThat(check("POST", MESSAGES, "{\"content\":\"x\",\"allowed_mentions\":{\"parse\":[\"people\"]}}"))
                    .containsExactly(
                            "/allowed_mentions/parse/0: \"people\" is not one of [\"users\", \"roles\", \"everyone\"]");
        }

        @Test
        void buttonWithoutStyleIsInvalid() {
            String body =
                    "{\"content\":\"x\",\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"custom_id\":\"go\",\"label\":\"Go\"}]}]}";
            assertThat(check("POST", MESSAGES, body))
                    .containsExactly("/components/0/components/0: required property 'style' not found");
        }

        @Test
        void jdaAttachmentIndexIsAcceptedAsAnIntegerSnowflake() {
            // JDA puts the upload index ("id":0) into payload_json; Discord accepts integer snowflakes, so the
            // checker turns integers into strings where the spec says format "snowflake".
            MessageCreateData message = new MessageCreateBuilder()
                    .setContent("Plan attached")
                    .addFiles(FileUpload.fromData(new byte[] {1, 2, 3}, "plan.png")
                            .setDescription("Plan"))
                    .build();
            assertThat(check("POST", MESSAGES, message.toData().toString())).isEmpty();
        }

        @Test
        void componentsV2ErrorsAreReportedPerItem() {
            String body = "{\"flags\":32768,\"components\":[{\"type\":17,\"components\":["
                    + "{\"type\":10,\"content\":\"## Today\"},{\"type\":14,\"spacing\":3},{\"type\":10,\"content\":5}]}]}";
            assertThat(check("POST", MESSAGES, body))
                    .containsExactly(
                            "/components/0/components/1/spacing: 3 is not one of [1, 2]",
                            "/components/0/components/2/content: integer found, string expected");
        }

        @Test
        void integerSnowflakeIsAcceptedButOtherTypesAreNot() {
            // Discord takes snowflakes as JSON integers too; anything else stays strict.
            assertThat(check("POST", MESSAGES, "{\"content\":\"x\",\"sticker_ids\":[749054660769218631]}"))
                    .isEmpty();
            assertThat(check("POST", MESSAGES, "{\"content\":\"x\",\"sticker_ids\":[true]}"))
                    .isNotEmpty();
        }

        @Test
        void whatJdaSerialisesForAMessageIsValid() {
            MessageCreateData message = new MessageCreateBuilder()
                    .setContent("Good morning, camp!")
                    .setEmbeds(new EmbedBuilder()
                            .setTitle("Today")
                            .setDescription("09:00 Lecture")
                            .setUrl("https://example.org/schedule")
                            .addField("Room", "A-101", true)
                            .setTimestamp(OffsetDateTime.of(2025, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9)))
                            .setColor(0x2ecc71)
                            .build())
                    .setComponents(ActionRow.of(
                            Button.primary("ack", "Got it"), Button.link("https://example.org", "Details")))
                    .setAllowedMentions(EnumSet.of(Message.MentionType.USER))
                    .build();
            String json = message.toData().toString();
            assertThat(check("POST", MESSAGES, json)).isEmpty();
            assertThat(check("POST", CALLBACK, "{\"type\":4,\"data\":" + json + "}"))
                    .isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------- commands

    @Nested
    class GuildCommands {

        private static final String COMMANDS = """
                [{"type":1,"name":"camp","nsfw":false,
                  "name_localizations":{"ko":"캠프","en-US":"camp"},
                  "description":"Camp operations","description_localizations":{"ko":"캠프 운영"},
                  "contexts":["0"],"integration_types":["0"],"default_member_permissions":"32",
                  "options":[
                    {"type":1,"name":"today","description":"Today's schedule","name_localizations":{"ko":"오늘"},
                     "description_localizations":{},"options":[
                       {"type":3,"name":"track","description":"Track","required":false,"autocomplete":true},
                       {"type":4,"name":"week","description":"Week","min_value":1,"max_value":8,
                        "choices":[{"name":"one","value":1}]}]},
                    {"type":1,"name":"remind","description":"Send a reminder","options":[
                       {"type":6,"name":"who","description":"Who","required":true},
                       {"type":7,"name":"where","description":"Where","channel_types":[0,5]}]}]},
                 {"type":1,"name":"help","description":"Help","options":[],"contexts":["0","1"],
                  "integration_types":["0"],"default_member_permissions":null}]""";

        @Test
        void slashCommandsWithSubcommandsAndLocalizationsAreValid() {
            assertThat(check("PUT", GUILD_COMMANDS, COMMANDS)).isEmpty();
        }

        @Test
        void commandWithoutNameIsInvalid() {
            assertThat(check("PUT", GUILD_COMMANDS, "[{\"type\":1,\"description\":\"Help\"}]"))
                    .containsExactly("/0: required property 'name' not found");
        }

        @Test
        void numericStringsAreAcceptedOnlyWhereTheValueIsAllowed() {
            assertThat(check("PUT", GUILD_COMMANDS, "[{\"name\":\"a\",\"description\":\"b\",\"contexts\":[0,1,2]}]"))
                    .isEmpty();
            assertThat(check("PUT", GUILD_COMMANDS, "[{\"name\":\"a\",\"description\":\"b\",\"contexts\":[\"7\"]}]"))
                    .containsExactly("/0/contexts/0: 7 is not one of [0, 1, 2]");
            assertThat(check(
                            "PUT", GUILD_COMMANDS, "[{\"name\":\"a\",\"description\":\"b\",\"contexts\":[\"guild\"]}]"))
                    .containsExactlyInAnyOrder(
                            "/0/contexts/0: string found, integer expected",
                            "/0/contexts/0: \"guild\" is not one of [0, 1, 2]");
            assertThat(check(
                            "PUT",
                            GUILD_COMMANDS,
                            "[{\"name\":\"a\",\"description\":\"b\",\"default_member_permissions\":\"0x20\"}]"))
                    .containsExactly("/0/default_member_permissions: string found, [integer, null] expected");
        }

        @Test
        void badOptionInsideSubcommandIsReportedWhereItIs() {
            String body = "[{\"name\":\"camp\",\"description\":\"d\",\"options\":[{\"type\":1,\"name\":\"today\","
                    + "\"description\":\"t\",\"options\":[{\"type\":3,\"name\":\"track\"}]}]}]";
            assertThat(check("PUT", GUILD_COMMANDS, body))
                    .containsExactly("/0/options/0/options/0: required property 'description' not found");
        }

        @Test
        void whatJdaSerialisesForCommandsIsValid() {
            var camp = Commands.slash("camp", "Camp operations")
                    .setNameLocalization(DiscordLocale.KOREAN, "캠프")
                    .setDescriptionLocalization(DiscordLocale.KOREAN, "캠프 운영")
                    .setContexts(InteractionContextType.GUILD)
                    .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
                    .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                    .addSubcommands(
                            new SubcommandData("today", "Today's schedule")
                                    .addOption(OptionType.STRING, "track", "Track", false, true)
                                    .addOptions(
                                            new OptionData(OptionType.INTEGER, "week", "Week").setRequiredRange(1, 8)),
                            new SubcommandData("remind", "Send a reminder")
                                    .addOption(OptionType.USER, "who", "Who", true)
                                    .addOption(OptionType.CHANNEL, "where", "Where"));
            String body =
                    "[" + camp.toData() + "," + Commands.slash("help", "Help").toData() + ","
                            + Commands.user("Profile").toData() + "]";
            assertThat(check("PUT", GUILD_COMMANDS, body)).isEmpty();
        }
    }

    // -------------------------------------------------------------------------------- scheduled events

    @Nested
    class ScheduledEvents {

        @Test
        void externalEventIsValid() {
            String body = """
                    {"entity_type":3,"privacy_level":2,"name":"Mock exam","description":"Room A",
                     "scheduled_start_time":"2025-07-01T09:00:00+09:00","scheduled_end_time":"2025-07-01T12:00:00Z",
                     "entity_metadata":{"location":"Hall A"}}""";
            assertThat(check("POST", SCHEDULED_EVENTS, body)).isEmpty();
        }

        @Test
        void jdaTimestampFormatIsValid() {
            // JDA formats OffsetDateTime with an ISO formatter, which may print nanoseconds.
            String start = OffsetDateTime.of(2025, 7, 1, 9, 0, 0, 123_000_000, ZoneOffset.UTC)
                    .format(DateTimeFormatter.ISO_DATE_TIME);
            String body = "{\"entity_type\":3,\"privacy_level\":2,\"name\":\"n\",\"scheduled_start_time\":\"" + start
                    + "\",\"scheduled_end_time\":\"" + start + "\",\"entity_metadata\":{\"location\":\"x\"}}";
            assertThat(check("POST", SCHEDULED_EVENTS, body)).isEmpty();
        }

        @Test
        void missingStartTimeIsInvalid() {
            String body = """
                    {"entity_type":3,"privacy_level":2,"name":"Mock exam",
                     "scheduled_end_time":"2025-07-01T12:00:00Z","entity_metadata":{"location":"Hall A"}}""";
            assertThat(check("POST", SCHEDULED_EVENTS, body))
                    .containsExactly("(root): required property 'scheduled_start_time' not found");
        }

        @Test
        void malformedStartTimeIsInvalid() {
            String body = """
                    {"entity_type":3,"privacy_level":2,"name":"Mock exam","scheduled_start_time":"tomorrow 9am",
                     "scheduled_end_time":"2025-07-01T12:00:00Z","entity_metadata":{"location":"Hall A"}}""";
            assertThat(check("POST", SCHEDULED_EVENTS, body))
                    .singleElement()
                    .asString()
                    .startsWith("/scheduled_start_time: ")
                    .contains("date-time");
        }

        @Test
        void unknownEntityTypeIsInvalid() {
            String body = "{\"entity_type\":4,\"privacy_level\":2,\"name\":\"n\","
                    + "\"scheduled_start_time\":\"2025-07-01T09:00:00Z\",\"entity_metadata\":{\"location\":\"x\"}}";
            assertThat(check("POST", SCHEDULED_EVENTS, body))
                    .containsExactly("/entity_type: 4 is not one of [1, 2, 3]");
        }
    }

    // ------------------------------------------------------------------------------- threads, DMs, ...

    @Nested
    class ChannelsAndOthers {

        @Test
        void forumPostIsValid() {
            String body = """
                    {"name":"Week 1 questions","applied_tags":["1400000000000000005"],
                     "message":{"content":"Ask here","tts":false,"flags":0,"poll":null}}""";
            assertThat(check("POST", THREADS, body)).isEmpty();
            assertThat(contract.violationsAgainstSchema("CreateForumThreadRequest", body))
                    .isEmpty();
        }

        @Test
        void forumVariantCanBePinnedBecauseTheUnionIsLoose() {
            String body = "{\"name\":\"Week 1\",\"message\":{\"content\":5}}";
            // The text-thread variant (only "name" required, open object) accepts this body.
            assertThat(check("POST", THREADS, body)).isEmpty();
            assertThat(contract.violationsAgainstSchema("CreateForumThreadRequest", body))
                    .containsExactly("/message/content: integer found, [string, null] expected");
        }

        @Test
        void dmChannelIsValid() {
            assertThat(check("POST", DM_CHANNELS, "{\"recipient_id\":\"123\"}")).isEmpty();
            assertThat(contract.template(DM_CHANNELS)).contains("/users/@me/channels");
        }

        @Test
        void dmChannelWithNumericRecipientIsAccepted() {
            // JDA's openPrivateChannelById sends the id as a JSON integer.
            assertThat(check("POST", DM_CHANNELS, "{\"recipient_id\":123}")).isEmpty();
            assertThat(check("POST", DM_CHANNELS, "{\"recipient_id\":-1}")).isNotEmpty();
        }

        @Test
        void mostLiteralTemplateWins() {
            assertThat(contract.template("/api/v10/webhooks/1/tok/messages/@original"))
                    .contains("/webhooks/{webhook_id}/{webhook_token}/messages/@original");
            assertThat(contract.template("/api/v10/webhooks/1/tok/messages/42"))
                    .contains("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}");
            assertThat(check("PATCH", "/api/v10/webhooks/1/tok/messages/@original", "{\"content\":\"edited\"}"))
                    .isEmpty();
        }

        @Test
        void webhookFollowUpIsValid() {
            assertThat(check(
                            "POST",
                            "/api/v10/webhooks/1200000000000000002/tok?wait=true",
                            "{\"content\":\"done\",\"flags\":64}"))
                    .isEmpty();
        }

        @Test
        void unknownPathIsAViolation() {
            assertThat(check("POST", "/api/v10/camp/ops", "{}"))
                    .containsExactly("POST /camp/ops: no such path in Discord's OpenAPI spec");
        }

        @Test
        void unknownMethodIsAViolation() {
            assertThat(check("PUT", DM_CHANNELS, "{}"))
                    .singleElement()
                    .asString()
                    .startsWith("PUT /users/@me/channels: spec has no PUT operation for /users/@me/channels");
        }

        @Test
        void malformedJsonIsAViolation() {
            assertThat(check("POST", MESSAGES, "{\"content\":"))
                    .singleElement()
                    .asString()
                    .startsWith("POST /channels/1100000000000000001/messages: body is not valid JSON");
        }

        @Test
        void modalFromJdaIsValid() {
            Modal modal = Modal.create("feedback", "Daily feedback")
                    .addComponents(
                            Label.of(
                                    "Your name",
                                    TextInput.create("name", TextInputStyle.SHORT)
                                            .build()),
                            Label.of(
                                    "What went well?",
                                    TextInput.create("good", TextInputStyle.PARAGRAPH)
                                            .setMaxLength(1000)
                                            .build()))
                    .build();
            assertThat(check("POST", CALLBACK, "{\"type\":9,\"data\":" + modal.toData() + "}"))
                    .isEmpty();
        }
    }
}
