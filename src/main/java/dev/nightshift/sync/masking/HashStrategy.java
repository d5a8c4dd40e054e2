package dev.nightshift.sync.masking;

/** Hex of HMAC-SHA256(salt, value), cut to {@code length} characters: stable, unique enough, irreversible. */
final class HashStrategy implements MaskingStrategy {

    static final int MAX_LENGTH = 64;

    private final SaltedHmac hmac;
    private final int length;

    HashStrategy(SaltedHmac hmac, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new MaskingRulesException("length must be between 1 and " + MAX_LENGTH + ", found " + length);
        }
        this.hmac = hmac;
        this.length = length;
    }

    @Override
    public String mask(String original, Row row) {
        return original == null ? null : hmac.hex(original).substring(0, length);
    }
}
