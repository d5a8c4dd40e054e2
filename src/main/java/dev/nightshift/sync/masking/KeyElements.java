package dev.nightshift.sync.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key elements and predicate of a unique index as PostgreSQL prints them. Matching is by
 * identifier, so a name inside a string literal counts as read: that errs towards refusing.
 */
final class KeyElements {

    private static final Pattern CASE_FUNCTION = Pattern.compile("(?i)(lower|upper)\\((.+)\\)");
    private static final Pattern CAST = Pattern.compile("\\((.+)\\)::(text|character varying|citext)");
    private static final Pattern OR_OR_NOT = Pattern.compile("(?i)\\bOR\\b|\\bNOT\\s*\\(");

    private KeyElements() {
    }

    /** True when the element is the column itself, not an expression of it. */
    static boolean isColumn(String element, String column) {
        return unquote(element).equals(column);
    }

    static boolean reads(String text, String column) {
        return name(column).matcher(text).find();
    }

    /** {@code lower(col)} or {@code upper(col)}, possibly with a cast to text: the one expression proven. */
    static boolean caseFunctionOf(String element, String column) {
        Matcher function = CASE_FUNCTION.matcher(element.trim());
        if (!function.matches()) {
            return false;
        }
        String argument = function.group(2).trim();
        Matcher cast = CAST.matcher(argument);
        return isColumn(cast.matches() ? cast.group(1).trim() : argument, column);
    }

    /** The predicate reads the column only as {@code col IS NOT NULL}, which every strategy but null preserves. */
    static boolean readsOnlyNullness(String predicate, String column) {
        return !reads(notNullTest(column).matcher(predicate).replaceAll("TRUE"), column);
    }

    /** The predicate keeps every row whose column is NULL out of the index: a top-level {@code col IS NOT NULL}. */
    static boolean requiresNotNull(String predicate, String column) {
        return predicate != null && !OR_OR_NOT.matcher(predicate).find() && notNullTest(column).matcher(predicate).find();
    }

    private static Pattern notNullTest(String column) {
        return Pattern.compile(name(column).pattern() + "\\s+IS\\s+NOT\\s+NULL", Pattern.CASE_INSENSITIVE);
    }

    private static Pattern name(String column) {
        return Pattern.compile("(?<![\\w$\"])(" + Pattern.quote(column) + "|\"" + Pattern.quote(column.replace("\"", "\"\""))
                + "\")(?![\\w$\"])");
    }

    private static String unquote(String element) {
        String e = element.trim();
        return e.length() > 1 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1).replace("\"\"", "\"") : e;
    }
}
