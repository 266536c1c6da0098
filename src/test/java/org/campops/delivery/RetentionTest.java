package org.campops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.campops.store.Database;
import org.campops.testing.MutableClock;
import org.campops.testing.TestConfig;
import org.campops.testing.TestKey;
import org.campops.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Retention of the outbox's content on a controlled clock, on H2 and on PostgreSQL. */
class RetentionTest {
    private static final Duration KEEP = Duration.ofDays(14);
    private static final String LINK = "https://zoom.us/j/123?pwd=secret";

    @Test
    void onH2() throws Exception {
        try (Database db = Database.open(TestConfig.memoryDb(), 4)) {
            scenario(db);
        }
    }

    @Test
    void onPostgres() throws Exception {
        try (Database db = Database.open(TestPostgres.freshDatabase(), 4)) {
            scenario(db);
        }
    }

    private static void scenario(Database db) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        Outbox outbox = new Outbox(db, clock);
        Retention retention = new Retention(db, clock, KEEP);
        enqueue(db, outbox, "old-sent", Payload.dm("111", "Your link: " + LINK));
        enqueue(db, outbox, "old-failed-unseen", Payload.dm("222", "Your link: " + LINK));
        enqueue(db, outbox, "old-failed-seen", Payload.post("333", "Team link: " + LINK, List.of()));
        enqueue(db, outbox, "old-access", Payload.access("444", "555", true));
        finish(db, "old-sent", "SENT", clock.instant());
        finish(db, "old-access", "SENT", clock.instant());
        finish(db, "old-failed-unseen", "FAILED", null);
        finish(db, "old-failed-seen", "FAILED", null);
        // An organizer's /status lists one failure (the newest only), a day later.
        clock.advance(Duration.ofDays(1));
        outbox.failuresSeen(outbox.failures(1));
        assertThat(outbox.failures(1)).extracting(Delivery::key).containsExactly("old-failed-seen");

        clock.advance(Duration.ofDays(10));
        enqueue(db, outbox, "fresh-sent", Payload.dm("111", "Your link: " + LINK));
        finish(db, "fresh-sent", "SENT", clock.instant());
        assertThat(retention.clearOnce()).as("nothing is 14 days old yet").isZero();

        // 14 days after the first sending: only that row (and the access change) is due.
        clock.advance(Duration.ofDays(3).plusHours(1));
        assertThat(retention.clearOnce()).isEqualTo(2);
        assertThat(text(outbox, "old-sent")).isNull();
        assertThat(outbox.find("old-sent").orElseThrow().payload().target()).isEqualTo("111");
        assertThat(outbox.find("old-access").orElseThrow().payload()).isEqualTo(Payload.access("444", "555", true));
        assertThat(text(outbox, "fresh-sent")).contains(LINK);
        assertThat(text(outbox, "old-failed-unseen")).contains(LINK);
        assertThat(text(outbox, "old-failed-seen")).as("seen 13 days ago").contains(LINK);

        // 14 days after the organizer saw it.
        clock.advance(Duration.ofDays(1));
        assertThat(retention.clearOnce()).isEqualTo(1);
        assertThat(text(outbox, "old-failed-seen")).isNull();
        assertThat(outbox.find("old-failed-seen").orElseThrow().payload().kind())
                .isEqualTo(Payload.Kind.POST);
        assertThat(text(outbox, "old-failed-unseen"))
                .as("never shown to an organizer")
                .contains(LINK);
        assertThat(text(outbox, "fresh-sent")).contains(LINK);
        assertThat(raw(db)).doesNotContain("old-sent:" + LINK).allSatisfy(row -> {
            if (row.startsWith("old-sent:") || row.startsWith("old-failed-seen:")) {
                assertThat(row).doesNotContain("zoom.us");
            }
        });

        // The keys stay: the same purpose queued again stores nothing; a second run changes nothing.
        boolean stored = db.inTransaction(c -> outbox.enqueue(c, new TestKey("old-sent"), Payload.dm("111", "again")));
        assertThat(stored).isFalse();
        assertThat(retention.clearOnce()).isZero();
        // Sent rows are cleared in batches larger than one transaction's.
        for (int i = 0; i < Retention.BATCH + 7; i++) {
            enqueue(db, outbox, "bulk:" + i, Payload.dm("9", "bulk " + LINK));
            finish(db, "bulk:" + i, "SENT", clock.instant());
        }
        clock.advance(KEEP.plusMinutes(1));
        assertThat(retention.clearOnce()).isEqualTo(Retention.BATCH + 8); // the bulk and fresh-sent
        assertThat(text(outbox, "fresh-sent")).isNull();
        assertThat(text(outbox, "old-failed-unseen")).contains(LINK);
    }

    @Test
    void retentionSentDaysIsAConfigKeyWithADefaultOf14() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                yaml.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("config/campops.yaml")));
        assertThat(org.campops.config.ConfigLoader.parse(root).retention().sentDays())
                .isEqualTo(14);
        root.remove("retention");
        assertThat(org.campops.config.ConfigLoader.parse(root).retention().keep())
                .isEqualTo(KEEP);
        root.set("retention", yaml.readTree("{sentDays: 0}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.campops.config.ConfigLoader.parse(root))
                .isInstanceOf(org.campops.config.ConfigException.class)
                .satisfies(e -> assertThat(((org.campops.config.ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("retention.sentDays:")));
    }

    private static void enqueue(Database db, Outbox outbox, String key, Payload p) {
        db.inTransaction(c -> outbox.enqueue(c, new TestKey(key), p));
    }

    /** What the dispatcher records when a row is done (sent at {@code at}, or failed for good). */
    private static void finish(Database db, String key, String status, Instant at) {
        db.inTransaction(c -> c.execute(
                "UPDATE outbox SET status = ?, sent_at = ?, last_error = ? WHERE delivery_key = ?",
                status,
                at,
                status.equals("FAILED") ? "Cannot send messages to this user" : null,
                key));
    }

    private static String text(Outbox outbox, String key) {
        return outbox.find(key).orElseThrow().payload().text();
    }

    private static List<String> raw(Database db) {
        return db.inTransaction(c -> c.select("SELECT delivery_key, payload FROM outbox ORDER BY id")
                .map(r -> r.getColumn(1, String.class) + ":" + r.getColumn(2, String.class))
                .list());
    }
}
