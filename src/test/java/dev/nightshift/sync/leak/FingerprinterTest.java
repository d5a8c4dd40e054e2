package dev.nightshift.sync.leak;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprinterTest {

    @Test
    void isTheFirst64BitsOfHmacSha256UnderTheDerivedKey() {
        // given a salt and values of every length around SHA-256's block size
        byte[] salt = "fingerprinter-test-salt-0123".getBytes(StandardCharsets.UTF_8);
        Fingerprinter fingerprinter = new Fingerprinter(salt);
        byte[] key = Fingerprinter.derivedKey(salt);
        for (int length = 0; length < 200; length += 7) {
            String value = "é".repeat(length / 3) + "x".repeat(length - length / 3);

            // then the precomputed form equals the JDK's HMAC
            byte[] expected = Fingerprinter.hmac(key, value.getBytes(StandardCharsets.UTF_8));
            assertThat(fingerprinter.of(value)).as("length " + length).isEqualTo(ByteBuffer.wrap(expected).getLong());
        }
    }
}
