package org.campops.mentoring;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.campops.store.Database;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who gave feedback is kept only as HMAC-SHA256(key, "<session id>:<member id>"): enough to keep one answer per member
 * and session (answering again replaces it), not enough to tell who answered, nor to link one member's answers across
 * sessions, without the key. The key is 32 bytes from {@link SecureRandom}, made once and kept in {@code feedback_key}
 * (the first instance to start makes it; the others read it). {@link #prepare()} (at every start) also hashes the
 * member ids of rows written before V12, so no raw id stays in the table.
 */
final class FeedbackKey {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackKey.class);
    static final int HASH_LENGTH = 64;
    private static final String ALGORITHM = "HmacSHA256";

    private final Database db;
    private final Clock clock;
    private final MentoringRepository repo = new MentoringRepository();
    private volatile @Nullable SecretKeySpec key;

    FeedbackKey(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes the key if there is none and hashes the member ids of rows written before V12, in one transaction. */
    void prepare() {
        int converted = db.inTransaction(c -> {
            SecretKeySpec k = key(c);
            int n = 0;
            for (Object[] row : repo.unhashedFeedback(c)) {
                long session = (Long) row[0];
                repo.rehashFeedback(c, session, (String) row[1], hash(k, session, (String) row[1]));
                n++;
            }
            return n;
        });
        if (converted > 0) {
            LOG.info("Replaced the member ids of {} feedback answers by their keyed hashes", converted);
        }
    }

    /** The hash that stands for {@code memberId}'s answer to session {@code sessionId} (64 hex characters). */
    String hash(Handle c, long sessionId, String memberId) throws SQLException {
        return hash(key(c), sessionId, memberId);
    }

    private SecretKeySpec key(Handle c) throws SQLException {
        SecretKeySpec k = key;
        if (k != null) {
            return k;
        }
        boolean stored = repo.feedbackKey(c).isPresent();
        if (!stored) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            repo.insertFeedbackKey(c, HexFormat.of().formatHex(fresh), clock.instant());
        }
        k = new SecretKeySpec(HexFormat.of().parseHex(repo.feedbackKey(c).orElseThrow()), ALGORITHM);
        if (stored) {
            // A key made in this transaction is kept only once read again after its commit (it could roll back).
            key = k;
        }
        return k;
    }

    private static String hash(SecretKeySpec key, long sessionId, String memberId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((sessionId + ":" + memberId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
