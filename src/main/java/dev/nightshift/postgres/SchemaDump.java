package dev.nightshift.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code pg_dump --schema-only} of a database, normalized so that two databases with the same schema give
 * the same text: no comments, no blank lines, no owners or grants, and none of the per-run
 * {@code \restrict} keys that newer pg_dump versions print. Compared to prove a copy's schema is the source's.
 */
public final class SchemaDump {

    private SchemaDump() {
    }

    public static String of(PgClient client, PgTarget database) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.pgDump(database, List.of("--schema-only", "--no-owner", "--no-privileges", "--no-publications",
                        "--no-subscriptions", "--no-security-labels", "--no-password"))
                .withStallWatch(database, "pg_dump of the schema of " + database.describe())
                .run(null, out, StopSignal.NEVER);
        return normalize(out.toString(StandardCharsets.UTF_8));
    }

    /** The normalized form of a schema-only SQL script (from pg_dump or pg_restore). */
    public static String normalize(String dump) {
        return dump.lines()
                .filter(l -> !l.startsWith("--") && !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict") && !l.isBlank())
                // a materialized view's refresh is its data, which pg_restore --schema-only still lists
                .filter(l -> !l.startsWith("REFRESH MATERIALIZED VIEW "))
                .collect(Collectors.joining("\n"));
    }
}
