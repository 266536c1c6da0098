package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.campops.chat.Notifier;
import org.campops.chat.Reply;
import org.junit.jupiter.api.Test;

/** Every text a post shows is defused where the payload is built, whatever the feature did; the bot's own links stay. */
class PayloadDefuseTest {
    private static final String HOSTILE = "[discord.com/gift](https://evil.example) @everyone <@&42>";
    private static final String SHOWN = "[discord.com/gift] (https://evil.example) @\u200beveryone <@\u200b&42>";

    @Test
    void memberTextInEveryKindOfPostIsDefused() {
        assertThat(Payload.post("c1", HOSTILE, List.of("u1")).text()).isEqualTo(SHOWN);
        assertThat(Payload.dm("u1", HOSTILE).text()).isEqualTo(SHOWN);
        Reply withButton = new Reply(
                HOSTILE, false, List.of(new Reply.Button("qa:resolve:1", "Resolve", Reply.Button.Style.SUCCESS)));
        Payload send = Payload.send("c1", withButton);
        assertThat(send.reply().text()).isEqualTo(SHOWN);
        assertThat(send.reply().buttons()).isEqualTo(withButton.buttons());
        assertThat(Payload.edit("c1", "m1", Reply.visible(HOSTILE)).reply().text())
                .isEqualTo(SHOWN);
        Payload thread = Payload.thread("forum", HOSTILE, Reply.visible(HOSTILE), List.of("t1"));
        assertThat(thread.title()).isEqualTo(SHOWN);
        assertThat(thread.reply().text()).isEqualTo(SHOWN);
        Notifier.EventDetails e = new Notifier.EventDetails(
                HOSTILE, HOSTILE, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), null, HOSTILE);
        for (Payload p : List.of(Payload.createEvent(e), Payload.updateEvent("e1", e))) {
            assertThat(List.of(
                            p.event().name(), p.event().description(), p.event().location()))
                    .containsOnly(SHOWN);
            assertThat(p.event().start()).isEqualTo(Instant.EPOCH);
        }
    }

    @Test
    void theBotsOwnTextsAndPlainLinksStayAsTheyAre() {
        String own =
                "**CV-01** mentoring <t:1800000000:F>\nZoom: https://zoom.us/j/123456?pwd=a-b_c.d~e%20 <@1190000000000000201>\n"
                        + "<https://camp.example/calendar/abc.ics> <#1190000000000000300>";
        assertThat(Payload.post("c1", own, List.of()).text()).isEqualTo(own);
        assertThat(Payload.dm("u1", own).text()).isEqualTo(own);
        assertThat(Payload.tags("t1", List.of("x")).text()).isNull();
    }

    @Test
    void aRowStoredBeforeThisChangeIsDefusedWhenRead() {
        String old =
                "{\"kind\":\"POST\",\"target\":\"c1\",\"text\":\"[a](https://evil.example) @here\",\"mentions\":[]}";
        Payload p = Outbox.fromJson(old, Payload.class);
        assertThat(p.text()).isEqualTo("[a] (https://evil.example) @\u200bhere");
        assertThat(Outbox.fromJson(Outbox.toJson(p), Payload.class)).isEqualTo(p);
    }
}
