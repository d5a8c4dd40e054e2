package dev.nightshift.sync.leak;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * A keyed 64-bit fingerprint of a value: the first 8 bytes of HMAC-SHA256 under a key derived from the
 * masking salt. Keyed, so that a fingerprint set, should it ever leave the process, does not let anyone
 * confirm a guessed value; derived (not the salt itself), so fingerprints are unrelated to the masking's own
 * HMAC seeds. Values are compared trimmed and lower-cased: an address copied as {@code lower(email)} is
 * the same address.
 *
 * <p>Every original and many written values go through it, so the HMAC is computed from SHA-256 states
 * that have already absorbed the padded key (RFC 2104's precomputation): two compressions per short value
 * instead of the four {@link Mac} spends. The result is HMAC-SHA256 exactly.
 */
public final class Fingerprinter {

    private static final byte[] PURPOSE = "nightshift leak fingerprint v1".getBytes(StandardCharsets.UTF_8);
    private static final int BLOCK = 64;

    private final ThreadLocal<MessageDigest[]> states;

    public Fingerprinter(byte[] salt) {
        if (salt == null || salt.length == 0) {
            throw new IllegalArgumentException("the masking salt is empty");
        }
        byte[] key = hmac(salt, PURPOSE); // 32 bytes: shorter than a block, used as is
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        this.states = ThreadLocal.withInitial(() -> new MessageDigest[] {absorbed(inner), absorbed(outer)});
    }

    /** The form values are compared in. */
    public static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** The fingerprint of an already {@link #normalize normalized} value. */
    public long of(String normalized) {
        MessageDigest[] templates = states.get();
        try {
            MessageDigest inner = (MessageDigest) templates[0].clone();
            inner.update(normalized.getBytes(StandardCharsets.UTF_8));
            MessageDigest outer = (MessageDigest) templates[1].clone();
            outer.update(inner.digest());
            byte[] d = outer.digest();
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = h << 8 | (d[i] & 0xff);
            }
            return h;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
        }
    }

    private static MessageDigest absorbed(byte[] block) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(block);
            return digest;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** HMAC-SHA256 the ordinary way (for the key derivation, and to prove {@link #of} equal to it). */
    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    static byte[] derivedKey(byte[] salt) {
        return hmac(salt, PURPOSE);
    }
}
