package dev.nightshift.sync.masking;

import java.nio.charset.StandardCharsets;

/** Fixed salts for tests: deterministic output needs a known key. */
final class Salts {

    static final byte[] ONE = "salt-one-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER = "salt-two-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private Salts() {
    }

    static MaskingStrategy create(ColumnRule rule) {
        return MaskingStrategies.create(rule, ONE);
    }
}
