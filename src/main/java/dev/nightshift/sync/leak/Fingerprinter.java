package dev.nightshift.sync.leak;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * A keyed 64-bit fingerprint of a value: the first 8 bytes of HMAC-SHA256 under a key derived from the
 * masking salt. Keyed, so that a fingerprint set, should it ever leave the process, does not let anyone
 * confirm a guessed value; derived (not the salt itself), so fingerprints are unrelated to the masking's own
 * HMAC seeds. Values are compared trimmed and lower-cased: an address copied as {@code lower(email)} is
 * the same address.
 */
public final class Fingerprinter {

    private static final byte[] PURPOSE = "nightshift leak fingerprint v1".getBytes(StandardCharsets.UTF_8);

    private final ThreadLocal<Mac> mac;

    public Fingerprinter(byte[] salt) {
        if (salt == null || salt.length == 0) {
            throw new IllegalArgumentException("the masking salt is empty");
        }
        byte[] key = newMac(new SecretKeySpec(salt.clone(), "HmacSHA256")).doFinal(PURPOSE);
        SecretKeySpec derived = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> newMac(derived));
    }

    /** The form values are compared in. */
    public static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** The fingerprint of an already {@link #normalize normalized} value. */
    public long of(String normalized) {
        byte[] d = mac.get().doFinal(normalized.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (d[i] & 0xff);
        }
        return h;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
