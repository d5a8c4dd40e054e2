package dev.nightshift.migration.schema;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The usual way to make a change without keeping writes blocked, by the shape of the statement. */
final class SaferForms {

    private record Rule(Pattern pattern, String advice) {
    }

    private static final List<Rule> RULES = List.of(
            rule("CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)", "CREATE INDEX CONCURRENTLY, alone in its migration file (it cannot run in a transaction)"),
            rule("REINDEX (?!.*CONCURRENTLY)", "REINDEX ... CONCURRENTLY"),
            rule("DROP INDEX (?!CONCURRENTLY)", "DROP INDEX CONCURRENTLY, alone in its migration file"),
            rule("ADD (CONSTRAINT \\S+ )?(FOREIGN KEY|CHECK)(?!.*NOT VALID)",
                    "ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration"),
            rule("ADD (CONSTRAINT \\S+ )?(PRIMARY KEY|UNIQUE)(?!.*USING INDEX)",
                    "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX"),
            rule("ALTER COLUMN \\S+ (SET DATA )?TYPE ",
                    "add a new column, backfill it in batches (migrate-data), switch readers and writers over, drop the old one"),
            rule("ALTER COLUMN \\S+ SET NOT NULL",
                    "ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (it uses the valid check)"),
            rule("ADD (COLUMN )?.*DEFAULT", "add the column without a default or with a constant one (no table rewrite), then"
                    + " backfill in batches (migrate-data)"),
            rule("VACUUM FULL|CLUSTER ", "pg_repack, which rebuilds the table without holding ACCESS EXCLUSIVE"),
            rule("^(UPDATE|DELETE) ", "a data migration in batches (migrate-data) instead of one statement"));

    private SaferForms() {
    }

    private static Rule rule(String regex, String advice) {
        return new Rule(Pattern.compile(regex), advice);
    }

    /** {@code normalizedSql}: upper case, whitespace collapsed. */
    static String forStatement(String normalizedSql) {
        String sql = normalizedSql.toUpperCase(Locale.ROOT);
        return RULES.stream().filter(r -> r.pattern().matcher(sql).find()).map(Rule::advice).findFirst()
                .orElse("split the change, and set lock_timeout so that it gives up rather than queue every other session behind it");
    }
}
