package org.campops.doctor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.campops.delivery.DeliveryKey;

/**
 * The delivery key of the problem list posted to the organizers' channel at start, {@code doctor:<fingerprint>}: the
 * same problems give the same key, so a restart does not post them again; a changed list is posted once more.
 */
public record DoctorKey(String fingerprint) implements DeliveryKey {
    private static final String PREFIX = "doctor";

    /** The key of these problems: 16 hex characters of the SHA-256 of their keys and arguments. */
    public static DoctorKey of(List<Finding> problems) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : problems) {
            sb.append(f.severity())
                    .append(' ')
                    .append(f.key())
                    .append(' ')
                    .append(f.args())
                    .append('\n');
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return new DoctorKey(HexFormat.of().formatHex(hash, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String text() {
        return DeliveryKey.join(PREFIX, fingerprint);
    }

    /** The key of a stored text; IllegalArgumentException when it is not the doctor's. */
    public static DoctorKey parse(String text) {
        List<String> p = DeliveryKey.parts(text);
        if (p.size() != 2 || !p.get(0).equals(PREFIX)) {
            throw new IllegalArgumentException("not a doctor key: " + text);
        }
        return new DoctorKey(p.get(1));
    }
}
