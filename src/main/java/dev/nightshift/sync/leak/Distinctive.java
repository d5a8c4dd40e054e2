package dev.nightshift.sync.leak;

import java.util.regex.Pattern;

/**
 * Whether a value is rare enough that finding it somewhere else in the copy is evidence of a leak rather
 * than chance. "Mary", "Paris", "1", "2024-05-01" or "shipped" in a kept column may well equal some masked
 * column's original without anything having leaked; an email address, a full name, an IP address or a
 * token does not turn up by accident. Applied alike to the originals (only distinctive ones are
 * fingerprinted) and to the values written, so a value this rejects is never even looked up.
 *
 * <p>Distinctive: an email address; otherwise at least {@value #MIN_LENGTH} characters, at least
 * {@value #MIN_DISTINCT} different ones, and not a plain number, date, time or timestamp.
 */
public final class Distinctive {

    static final int MIN_LENGTH = 8;
    static final int MIN_DISTINCT = 5;
    private static final Pattern NUMBER_OR_TIME = Pattern.compile(
            "[+-]?[0-9]+([.,][0-9]+)?(e[+-]?[0-9]+)?"
                    + "|[0-9]{4}-[0-9]{2}-[0-9]{2}([ t][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?([+-][0-9]{2}(:?[0-9]{2})?|z)?"
                    + "|[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?([+-][0-9]{2}(:?[0-9]{2})?)?");

    private Distinctive() {
    }

    /** @param normalized a value in {@link Fingerprinter#normalize} form */
    public static boolean test(String normalized) {
        int length = normalized.length();
        if (length < MIN_LENGTH) {
            return Emails.isAddress(normalized);
        }
        long seen = 0; // a cheap distinct-character count: 64 buckets are plenty to tell "aaaaaaaa" from a name
        int distinct = 0;
        boolean numeric = true; // only characters a number, date or time is written with
        for (int i = 0; i < length; i++) {
            char c = normalized.charAt(i);
            long bit = 1L << (c & 63);
            if ((seen & bit) == 0) {
                seen |= bit;
                distinct++;
            }
            numeric &= c >= '0' && c <= '9' || "+-.,: etz".indexOf(c) >= 0;
            if (!numeric && distinct >= MIN_DISTINCT) {
                return true;
            }
        }
        return distinct >= MIN_DISTINCT && !(numeric && NUMBER_OR_TIME.matcher(normalized).matches());
    }
}
