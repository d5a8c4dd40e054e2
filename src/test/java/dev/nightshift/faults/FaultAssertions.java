package dev.nightshift.faults;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every fault case checks after its fault, and what it checks of the run that recovers. */
final class FaultAssertions {

    private FaultAssertions() {
    }

    /**
     * The run failed (exit 1), and its outcome line says what happened: the case's fragment is in that line
     * ({@code ... failed (execution N): ...}, or {@code nightshift: error: ...} when the run could not even record
     * its end), not only in a log line or a stack trace.
     */
    static void failedWithOneLine(CliResult result, FaultCase fault) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        oneOutcomeLine(result.all(), fault);
    }

    /** The output (a scheduler's log, say) holds the outcome line of exactly one failed run, saying what happened. */
    static void oneOutcomeLine(String output, FaultCase fault) {
        assertThat(output.lines().filter(l -> (l.contains(" failed (execution ") || l.contains("nightshift: error: ")
                        || l.contains(": schema migration failed at "))
                        && l.contains(fault.line)))
                .as("the outcome line saying what happened (%s) in:%n%s", fault.line, output).hasSize(1);
    }

    /** Nothing of the failed run ended up in the catalog or as a file that looks like a backup. */
    static void noBackupListed(NightshiftFixture nightshift, String environment) {
        TestPostgres pg = nightshift.pg();
        assertThat(pg.queryLong(nightshift.opsDatabase(), "SELECT count(*) FROM nightshift.backup")).isZero();
        assertThat(files(nightshift.backupDirectory())).as("finished artifacts").noneMatch(f -> !f.endsWith(".partial"));
    }

    /** The next backup completes, is verified, and holds every row of the source, as an undisturbed run would. */
    static void nextBackupCompletes(NightshiftFixture nightshift, String environment, long itemRows) {
        recoveryCompletes(nightshift, itemRows, "backup", "--env", environment);
    }

    /** The same for another recovery, such as {@code jobs restart ID}. */
    static void recoveryCompletes(NightshiftFixture nightshift, long itemRows, String... command) {
        recoveryCompletes(nightshift, opsOf(nightshift), itemRows, command);
    }

    /** The same, for an ops database elsewhere than on the test server ({@code ops} answers a count query there). */
    static void recoveryCompletes(NightshiftFixture nightshift, ToLongFunction<String> ops, long itemRows, String... command) {
        CliResult next = nightshift.cli(command);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(ops.applyAsLong("SELECT count(*) FROM nightshift.backup WHERE verified"
                + " AND (row_counts ->> 'public.item')::bigint = " + itemRows)).isEqualTo(1);
        assertThat(ops.applyAsLong("SELECT count(*) FROM nightshift.backup")).isEqualTo(1);
        assertThat(files(nightshift.backupDirectory())).as("no partial file is left").noneMatch(f -> f.endsWith(".partial"));
        assertNoJobLeftRunning(ops);
    }

    /**
     * The run did not leave an execution that counts as running, nor an advisory lock in the ops database (a run
     * lock or a liveness lock would block or confuse the next run). A closed session's locks go a moment after
     * the command returns, so the locks are awaited for a few seconds.
     */
    static void assertNoJobLeftRunning(NightshiftFixture nightshift) {
        assertNoJobLeftRunning(opsOf(nightshift));
    }

    /** The same, for an ops database elsewhere ({@code ops} answers a count query there). */
    static void assertNoJobLeftRunning(ToLongFunction<String> ops) {
        assertThat(ops.applyAsLong(
                "SELECT count(*) FROM nightshift.batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')"))
                .as("executions still marked running").isZero();
        String locks = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        long deadline = System.currentTimeMillis() + 10_000;
        while (ops.applyAsLong(locks) > 0 && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertThat(ops.applyAsLong(locks)).as("advisory locks left in the ops database").isZero();
    }

    private static ToLongFunction<String> opsOf(NightshiftFixture nightshift) {
        return sql -> nightshift.pg().queryLong(nightshift.opsDatabase(), sql);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(Path::toString).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
