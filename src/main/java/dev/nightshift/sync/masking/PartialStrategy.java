package dev.nightshift.sync.masking;

/**
 * Keeps the last {@code keep-last} characters and stars the rest ({@code +49 170 1234567} -> {@code ************67}).
 * A value no longer than {@code keep-last} is starred completely: keeping it would copy it unmasked.
 */
final class PartialStrategy implements MaskingStrategy {

    private final int keepLast;

    PartialStrategy(int keepLast) {
        if (keepLast < 0) {
            throw new MaskingRulesException("keep-last must not be negative, found " + keepLast);
        }
        this.keepLast = keepLast;
    }

    @Override
    public String mask(String original, Row row) {
        if (original == null) {
            return null;
        }
        int length = original.codePointCount(0, original.length());
        int starred = length <= keepLast ? length : length - keepLast;
        int cut = original.offsetByCodePoints(0, starred);
        return "*".repeat(starred) + original.substring(cut);
    }
}
