package dev.nightshift.sync.masking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * HMAC-SHA256 keyed with the masking salt: the one source of every derived value, so equal originals mask
 * equally across tables and runs (joins on masked columns still work), and without the salt the originals
 * cannot be recovered by hashing guesses.
 */
final class SaltedHmac {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ThreadLocal<Mac> mac;

    SaltedHmac(byte[] salt) {
        if (salt == null || salt.length == 0) {
            throw new IllegalArgumentException("the masking salt is empty");
        }
        SecretKeySpec key = new SecretKeySpec(salt.clone(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> newMac(key));
        mac.get();
    }

    byte[] digest(String value) {
        return mac.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The first 8 bytes of the digest, big-endian: a seed for a random generator. */
    long seed(String value) {
        return ByteBuffer.wrap(digest(value)).getLong();
    }

    String hex(String value) {
        byte[] digest = digest(value);
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
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
