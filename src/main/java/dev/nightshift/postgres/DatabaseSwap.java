package dev.nightshift.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a complete {@code incoming} database in the place of {@code live}, keeping the old one as {@code kept},
 * so that a crash at any moment leaves exactly one live database with either the old or the new data:
 * <ol>
 *   <li>{@code incoming} is marked with the run's marker (its database comment), so a restarted run can tell
 *       whether the swap already happened;</li>
 *   <li>an older {@code kept} is dropped, but only while {@code live} exists beside it;</li>
 *   <li>new connections to both are blocked (ALLOW_CONNECTIONS false) and their sessions ended;</li>
 *   <li>both renames run in ONE transaction: a crash before COMMIT rolls both back;</li>
 *   <li>connections are allowed again.</li>
 * </ol>
 * Running it again after a crash at any point finishes the job: with {@code incoming} still there it starts
 * over; without it, a {@code live} carrying the marker means the swap had committed.
 * Failpoints {@code <name>.after-mark}, {@code .after-drop-kept}, {@code .after-block}, {@code .after-terminate},
 * {@code .in-transaction}, {@code .after-commit} and {@code .after-allow} stop it at each point in tests.
 */
public final class DatabaseSwap {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSwap.class);
    private static final Duration SESSION_PATIENCE = Duration.ofSeconds(30);

    /** What the swap found and did, for the log line that says which data the live database holds. */
    public enum Outcome {
        /** The new data is live; there was an old database, now under the kept name. */
        SWAPPED,
        /** The new data is live; there was no old database. */
        CREATED,
        /** An earlier, interrupted run had committed the swap; this one only finished it. */
        ALREADY_SWAPPED
    }

    private final DatabaseAdmin admin;
    private final String failpoints;

    /** @param failpoints the prefix of this swap's failpoints, e.g. {@code sync.swap} */
    public DatabaseSwap(PgTarget anyDatabaseOnServer, String failpoints) {
        this.admin = new DatabaseAdmin(anyDatabaseOnServer);
        this.failpoints = failpoints;
    }

    /**
     * @param marker identifies the run (the same across its restarts); stays as the live database's comment
     * @throws IllegalStateException when {@code incoming} is gone and {@code live} is not the run's copy:
     *                               nothing was swapped and {@code live} holds what it held before
     */
    public Outcome swap(String incoming, String live, String kept, String marker) throws SQLException {
        if (!admin.exists(incoming)) {
            if (marker.equals(admin.comment(live))) {
                allowConnections(live, kept);
                return Outcome.ALREADY_SWAPPED;
            }
            throw new IllegalStateException(incoming + " does not exist and " + live + " is not this run's copy: nothing"
                    + " was swapped, " + live + (admin.exists(live) ? " holds its old data" : " does not exist")
                    + "; start a new run");
        }
        admin.setComment(incoming, marker);
        Failpoint.reach(failpoints + ".after-mark");
        boolean replacing = admin.exists(live);
        if (replacing) {
            // live is intact beside it; without live, kept may be the only old copy and stays
            admin.dropIfExists(kept);
            Failpoint.reach(failpoints + ".after-drop-kept");
        }
        List<String> databases = replacing ? List.of(live, incoming) : List.of(incoming);
        boolean committed = false;
        try (Connection c = admin.connectToServer()) {
            for (String database : databases) {
                admin.allowConnections(database, false);
            }
            Failpoint.reach(failpoints + ".after-block");
            DatabaseAdmin.endSessions(c, databases, SESSION_PATIENCE);
            Failpoint.reach(failpoints + ".after-terminate");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (replacing) {
                    s.execute("ALTER DATABASE " + Identifiers.quote(live) + " RENAME TO " + Identifiers.quote(kept));
                }
                Failpoint.reach(failpoints + ".in-transaction");
                s.execute("ALTER DATABASE " + Identifiers.quote(incoming) + " RENAME TO " + Identifiers.quote(live));
                c.commit();
                committed = true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } finally {
            if (!committed) {
                reopenAfterFailure(databases);
            }
        }
        Failpoint.reach(failpoints + ".after-commit");
        allowConnections(live, kept);
        Failpoint.reach(failpoints + ".after-allow");
        return replacing ? Outcome.SWAPPED : Outcome.CREATED;
    }

    private void allowConnections(String live, String kept) throws SQLException {
        admin.allowConnections(live, true);
        if (admin.exists(kept)) {
            admin.allowConnections(kept, true);
        }
    }

    private void reopenAfterFailure(List<String> databases) {
        List<String> failed = new ArrayList<>();
        for (String database : databases) {
            try {
                admin.allowConnections(database, true);
            } catch (SQLException e) {
                failed.add(database + " (" + e.getMessage() + ")");
            }
        }
        if (!failed.isEmpty()) {
            log.error("could not allow connections again to {}; run ALTER DATABASE ... WITH ALLOW_CONNECTIONS true", failed);
        }
    }
}
