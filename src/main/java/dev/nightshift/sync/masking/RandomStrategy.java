package dev.nightshift.sync.masking;

import java.util.SplittableRandom;

/**
 * Replaces every digit and letter with a random one of the same kind and keeps everything else, so formats
 * (phone numbers, postcodes, ids like AB-1234) survive and check constraints keep passing. Seeded from the
 * salted HMAC of the value, so it is deterministic. Letters without case (e.g. CJK) become lowercase ASCII
 * because keeping them would leak the original.
 */
final class RandomStrategy implements MaskingStrategy {

    private final SaltedHmac hmac;

    RandomStrategy(SaltedHmac hmac) {
        this.hmac = hmac;
    }

    @Override
    public String mask(String original, Row row) {
        if (original == null) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(hmac.seed(original));
        StringBuilder out = new StringBuilder(original.length());
        original.codePoints().forEach(c -> out.appendCodePoint(replace(c, random)));
        return out.toString();
    }

    private static int replace(int c, SplittableRandom random) {
        if (Character.isDigit(c)) {
            return '0' + random.nextInt(10);
        }
        if (Character.isUpperCase(c)) {
            return 'A' + random.nextInt(26);
        }
        if (Character.isLetter(c)) {
            return 'a' + random.nextInt(26);
        }
        return c;
    }
}
