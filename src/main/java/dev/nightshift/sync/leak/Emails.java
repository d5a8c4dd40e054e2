package dev.nightshift.sync.leak;

import java.util.function.Consumer;

/**
 * Finds email addresses inside text: at each '@' it takes the address characters to either side (the
 * syntax of {@code [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}}), so a value costs one pass over its
 * characters. A regular expression searched from every position took more CPU than the masking itself.
 */
public final class Emails {

    private Emails() {
    }

    /** Calls {@code found} with each address in {@code text}, lower-cased. */
    public static void forEach(String text, Consumer<String> found) {
        int at = text.indexOf('@');
        while (at >= 0) {
            int from = at;
            while (from > 0 && isLocalPart(text.charAt(from - 1))) {
                from--;
            }
            int to = at + 1;
            while (to < text.length() && isDomain(text.charAt(to))) {
                to++;
            }
            while (to > at + 1 && (text.charAt(to - 1) == '.' || text.charAt(to - 1) == '-')) {
                to--; // "write to anna@corp.example." ends the sentence, not the address
            }
            if (from < at && hasTopLevelDomain(text, at + 1, to)) {
                found.accept(text.substring(from, to).toLowerCase(java.util.Locale.ROOT));
            }
            at = text.indexOf('@', at + 1);
        }
    }

    /** Whether the whole of {@code text} is one address. */
    public static boolean isAddress(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || text.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            if (!isLocalPart(text.charAt(i))) {
                return false;
            }
        }
        for (int i = at + 1; i < text.length(); i++) {
            if (!isDomain(text.charAt(i))) {
                return false;
            }
        }
        return hasTopLevelDomain(text, at + 1, text.length());
    }

    private static boolean hasTopLevelDomain(String text, int from, int to) {
        int dot = text.lastIndexOf('.', to - 1);
        if (dot <= from || to - dot - 1 < 2) {
            return false;
        }
        for (int i = dot + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalPart(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return isAlphanumeric(c) || c == '.' || c == '-';
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
