package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.campops.chat.Notifier;
import org.junit.jupiter.api.Test;

/** Payloads are stored as JSON: new kinds survive the trip, rows stored by older versions stay readable. */
class PayloadJsonTest {

    @Test
    void aChannelCreateSurvivesTheTripThroughJson() {
        Payload p = Payload.createChannel(new Notifier.PrivateChannel(
                "team-7",
                "1190000000000000901",
                List.of("1190000000000000201", "1190000000000000203"),
                List.of("1190000000000000103")));
        Payload back = Outbox.fromJson(Outbox.toJson(p), Payload.class);
        assertThat(back).isEqualTo(p);
        assertThat(back.kind()).isEqualTo(Payload.Kind.CHANNEL_CREATE);
        assertThat(back.target()).isEqualTo("new-channel:1190000000000000901");
        assertThat(back.channel().memberIds()).containsExactly("1190000000000000201", "1190000000000000203");
    }

    @Test
    void aChannelWithoutCategoryOrListsIsStillACreate() {
        Payload p = Payload.createChannel(new Notifier.PrivateChannel("solo", null, null, null));
        Payload back = Outbox.fromJson(Outbox.toJson(p), Payload.class);
        assertThat(back.target()).isEqualTo("new-channel:none");
        assertThat(back.channel().categoryId()).isNull();
        assertThat(back.channel().memberIds()).isEmpty();
        assertThat(back.channel().roleIds()).isEmpty();
        assertThatThrownBy(() -> Payload.createChannel(new Notifier.PrivateChannel(" ", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accessChangesSurviveTheTripThroughJson() {
        for (boolean allowed : new boolean[] {true, false}) {
            Payload p = Payload.access("1190000000000000950", "1190000000000000202", allowed);
            Payload back = Outbox.fromJson(Outbox.toJson(p), Payload.class);
            assertThat(back).isEqualTo(p);
            assertThat(back.target()).isEqualTo("1190000000000000950");
            assertThat(back.allowed()).isEqualTo(allowed);
        }
    }

    @Test
    void rowsStoredBeforeTheChannelFieldsExistedAreStillRead() {
        String old = "{\"kind\":\"POST\",\"target\":\"c1\",\"text\":\"hello\",\"mentions\":[\"u1\"],\"reply\":null,"
                + "\"title\":null,\"tags\":[],\"messageId\":null,\"event\":null}";
        Payload p = Outbox.fromJson(old, Payload.class);
        assertThat(p).isEqualTo(Payload.post("c1", "hello", List.of("u1")));
        assertThat(p.channel()).isNull();
        assertThat(p.userId()).isNull();
        assertThat(p.allowed()).isNull();
    }

    @Test
    void fieldsALaterVersionAddsAreIgnored() {
        String newer =
                "{\"kind\":\"ACCESS\",\"target\":\"c1\",\"userId\":\"u1\",\"allowed\":true,\"expiresAt\":\"later\"}";
        assertThat(Outbox.fromJson(newer, Payload.class)).isEqualTo(Payload.access("c1", "u1", true));
    }
}
