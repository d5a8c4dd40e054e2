package dev.nightshift.migration.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a migration file into its statements, the way psql would: semicolons inside quotes, quoted
 * identifiers, dollar-quoted bodies and comments do not end a statement. Needed wherever a statement is
 * timed, or run on its own because PostgreSQL refuses it inside a transaction.
 */
final class SqlStatements {

    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "(?is)^\\s*(CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY"
                    + "|VACUUM\\b|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE"
                    + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY).*");

    private SqlStatements() {
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = indexOrEnd(sql, "\n", i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = indexOrEnd(sql, "*/", i + 2) + 2;
            } else if (c == '\'' || c == '"') {
                end = closingQuote(sql, i, c);
            } else if (c == '$') {
                String tag = dollarTag(sql, i);
                if (tag != null) {
                    end = indexOrEnd(sql, tag, i + tag.length()) + tag.length();
                }
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
                continue;
            }
            end = Math.min(end, n);
            current.append(sql, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    /** PostgreSQL refuses these inside a transaction block (as Flyway does, a file holding one runs without). */
    static boolean nonTransactional(String statement) {
        return NON_TRANSACTIONAL.matcher(withoutComments(statement)).matches();
    }

    static boolean anyNonTransactional(List<String> statements) {
        return statements.stream().anyMatch(SqlStatements::nonTransactional);
    }

    /** The statement without comments and with whitespace collapsed, upper case: for recognising its kind. */
    static String normalized(String statement) {
        return withoutComments(statement).replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!withoutComments(statement).isEmpty()) {
            statements.add(statement);
        }
    }

    private static int indexOrEnd(String sql, String what, int from) {
        int at = sql.indexOf(what, from);
        return at < 0 ? sql.length() : at;
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static String dollarTag(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$' && (i == start + 1 || !Character.isDigit(sql.charAt(start + 1)))) {
            return sql.substring(start, i + 1);
        }
        return null;
    }
}
