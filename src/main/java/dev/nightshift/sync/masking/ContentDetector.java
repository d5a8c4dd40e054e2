package dev.nightshift.sync.masking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a value looks personal by its content: an email address, a phone number or an IP address
 * anywhere in it, a long random token, or a value some masked column holds (a name copied from users.name
 * into a kept column). Built to err towards flagging: a flagged column is reviewed by a person, an
 * unflagged one is copied. The masked columns' originals stay in this object, in memory, and are never
 * printed.
 */
public final class ContentDetector {

    /** What a value looked like; {@link #description} is how a report names it. */
    public enum Kind {
        EMAIL("email addresses"), PHONE("phone numbers"), IP("IP addresses"), TOKEN("long random tokens"),
        MASKED_ORIGINAL("values of masked columns");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])" + OCTET + "(\\." + OCTET + "){3}(?![\\d.])");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![0-9a-f:])([0-9a-f]{1,4}:){1,7}(:[0-9a-f]{1,4}){1,7}(?![0-9a-f:])"
            + "|(?i)(?<![0-9a-f:])([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])");
    /** A run of 7 to 15 digits with the separators people write, introduced by + or holding a separator. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{5,18}\\d(?![\\w])");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2}[./-]\\d{2}[./-]\\d{4}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_+/=-]{24,}");
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Shorter originals (a status, a country code) would match by coincidence. */
    static final int MIN_ORIGINAL_LENGTH = 4;

    private final Set<String> originals = new HashSet<>();
    private final List<String> phrases = new ArrayList<>();

    /** @param maskedOriginals original values of masked columns, to recognise copies of them */
    public ContentDetector(Collection<String> maskedOriginals) {
        for (String original : maskedOriginals) {
            String normal = normal(original);
            if (normal.length() >= MIN_ORIGINAL_LENGTH && originals.add(normal) && normal.contains(" ")) {
                phrases.add(normal); // a name of several words is looked for inside free text too
            }
        }
    }

    public Set<Kind> detect(String value) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (value == null || value.isEmpty()) {
            return kinds;
        }
        if (value.indexOf('@') >= 0 && EMAIL.matcher(value).find()) {
            kinds.add(Kind.EMAIL);
        }
        // cheap counts first: most values cannot match the expensive patterns at all
        int digits = 0;
        int dots = 0;
        int colons = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            digits += c >= '0' && c <= '9' ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            colons += c == ':' ? 1 : 0;
        }
        if (dots >= 3 && digits >= 4 && IPV4.matcher(value).find() || colons >= 2 && IPV6.matcher(value).find()) {
            kinds.add(Kind.IP);
        }
        if (digits >= 7 && phone(value)) {
            kinds.add(Kind.PHONE);
        }
        if (value.length() >= 24 && digits > 0 && token(value)) {
            kinds.add(Kind.TOKEN);
        }
        if (copiesAnOriginal(value)) {
            kinds.add(Kind.MASKED_ORIGINAL);
        }
        return kinds;
    }

    private static boolean phone(String value) {
        Matcher m = PHONE.matcher(value);
        while (m.find()) {
            String candidate = m.group();
            long digits = candidate.chars().filter(Character::isDigit).count();
            boolean written = candidate.startsWith("+") || candidate.chars().anyMatch(c -> c == ' ' || c == '(' || c == '-');
            if (digits >= 7 && digits <= 15 && written && !DATE.matcher(candidate).find() && !IPV4.matcher(candidate).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean token(String value) {
        Matcher m = TOKEN.matcher(value);
        while (m.find()) {
            String candidate = m.group();
            if (UUID.matcher(candidate).matches()) {
                continue;
            }
            boolean letters = candidate.chars().anyMatch(Character::isLetter);
            boolean digits = candidate.chars().anyMatch(Character::isDigit);
            if (letters && digits && candidate.chars().distinct().count() >= 10) {
                return true;
            }
        }
        return false;
    }

    private boolean copiesAnOriginal(String value) {
        if (originals.isEmpty()) {
            return false;
        }
        String normal = normal(value);
        if (originals.contains(normal)) {
            return true;
        }
        for (String phrase : phrases) {
            if (normal.length() > phrase.length() && normal.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
