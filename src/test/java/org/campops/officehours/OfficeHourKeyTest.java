package org.campops.officehours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Office hours' keys and moment kinds keep the text rows and triggers already hold, and parse back. */
class OfficeHourKeyTest {
    private static final UUID EDIT = UUID.fromString("0b7e8c2a-5d1f-4c3e-9a2b-1f0e3d4c5b6a");
    private static final long START = 1_795_000_000L;

    @Test
    void formatsTheStoredText() {
        String prefix = "oh:" + 3 + ":" + START;
        assertThat(new OfficeHourKey.Announce(3).text()).isEqualTo("oh:3:announce");
        assertThat(new OfficeHourKey.Event(3, false).text()).isEqualTo("oh:3:event");
        assertThat(new OfficeHourKey.Event(3, true).text()).isEqualTo("oh:3:event:cancel");
        assertThat(new OfficeHourKey.CountEdit(3, EDIT).text()).isEqualTo("oh:3:edit:" + EDIT);
        OfficeHourKey.Topic cancel = OfficeHourKey.Topic.cancel(3);
        assertThat(cancel.event().text()).isEqualTo("oh:3:cancel:event");
        assertThat(cancel.edit().text()).isEqualTo("oh:3:cancel:edit");
        assertThat(cancel.dm("u1").text()).isEqualTo("oh:3:cancel:dm:u1");
        OfficeHourKey.Topic moved = new OfficeHourKey.Topic(3, START, "moved");
        assertThat(moved.event().text()).isEqualTo(prefix + ":moved:event");
        assertThat(moved.dm("u1").text()).isEqualTo(prefix + ":moved:dm:u1");
        OfficeHourKey.Topic remind = new OfficeHourKey.Topic(
                3, START, OfficeHourKey.Kind.remind(Duration.ofHours(1)).text());
        assertThat(remind.channel().text()).isEqualTo(prefix + ":remind-PT1H:channel");
        assertThat(remind.dm("u1").text()).isEqualTo(prefix + ":remind-PT1H:dm:u1");
        assertThat(new OfficeHourKey.Topic(3, START, "agenda").self().text()).isEqualTo(prefix + ":agenda");
    }

    @Test
    void kindsKeepTheirTriggerNames() {
        assertThat(OfficeHourKey.Kind.remind(Duration.ofHours(24)).text()).isEqualTo("remind-PT24H");
        assertThat(OfficeHourKey.Kind.remind(Duration.ofMinutes(10)).text()).isEqualTo("remind-PT10M");
        assertThat(OfficeHourKey.Kind.AGENDA.text()).isEqualTo("agenda");
        assertThat(OfficeHourKey.Kind.START.text()).isEqualTo("start");
        assertThat(OfficeHourKey.Kind.parse("remind-PT1H")).isEqualTo(OfficeHourKey.Kind.remind(Duration.ofHours(1)));
        assertThat(OfficeHourKey.Kind.parse("agenda")).isEqualTo(OfficeHourKey.Kind.AGENDA);
        assertThat(OfficeHourKey.Kind.parse("start")).isEqualTo(OfficeHourKey.Kind.START);
        assertThat(OfficeHourKey.Kind.of("remind-soon")).isEmpty();
        assertThat(OfficeHourKey.Kind.of("due")).isEmpty();
    }

    @Test
    void parsesStoredTextsBack() {
        OfficeHourKey.Topic remind = new OfficeHourKey.Topic(3, START, "remind-PT1H");
        for (OfficeHourKey k : List.of(
                new OfficeHourKey.Announce(3),
                new OfficeHourKey.Event(3, false),
                new OfficeHourKey.Event(3, true),
                new OfficeHourKey.CountEdit(3, EDIT),
                OfficeHourKey.Topic.cancel(3).dm("u1"),
                OfficeHourKey.Topic.cancel(3).edit(),
                new OfficeHourKey.Topic(3, START, "moved").event(),
                remind.channel(),
                remind.dm("u1"),
                new OfficeHourKey.Topic(3, START, "agenda").self())) {
            assertThat(OfficeHourKey.parse(k.text())).as(k.text()).isEqualTo(k);
        }
        assertThat(OfficeHourKey.parse("oh:3:" + START + ":start:channel"))
                .isEqualTo(new OfficeHourKey.Topic(3, START, "start").channel());
    }

    @Test
    void refusesWhatIsNotOne() {
        for (String bad : List.of(
                "oh:3",
                "oh:3:announce:x",
                "oh:3:edit",
                "oh:3:cancel:dm",
                "oh:3:123:soon:channel",
                "oh:3:123:moved:nowhere",
                "qa:3:post",
                "oh:x:announce")) {
            assertThatThrownBy(() -> OfficeHourKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
