package dev.nightshift.postgres;

import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The swap of a complete copy into a live database's place: both renames in one transaction, connections
 * blocked and sessions ended first and allowed again after; failing at any point and running again ends with
 * exactly one live database, holding the old data or the new one. (The kill variants: SyncSwapKillTest,
 * RestoreSwapKillTest.)
 */
class DatabaseSwapTest {

    static final String MARKER = "nightshift test swap, run 1";

    final TestPostgres pg = TestPostgres.get();
    final PgTarget server = new PgTarget("test", "-", "postgres", pg.host(), pg.port(), pg.user(), pg.password(),
            "disable", false);
    final DatabaseAdmin admin = new DatabaseAdmin(server);
    final DatabaseSwap swap = new DatabaseSwap(server, "test.swap");
    String live;
    String incoming;
    String previous;

    @BeforeEach
    void databases() throws Exception {
        live = pg.createDatabase("swap_live");
        incoming = live + "__incoming";
        previous = live + "__previous";
        admin.create(incoming);
        pg.execute(live, "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('old')");
        pg.execute(incoming, "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('new')");
    }

    @AfterEach
    void cleanUp() {
        System.clearProperty("nightshift.failpoint");
        pg.dropDatabase(live);
        pg.dropDatabase(incoming);
        pg.dropDatabase(previous);
    }

    @Test
    void swapKeepsTheOldDatabaseAsPreviousEndsItsSessionsAndAllowsConnectionsAgain() throws Exception {
        // given a stale previous copy and an open session on the live database
        admin.create(previous);
        try (Connection openSession = pg.connect(live)) {

            // when
            DatabaseSwap.Outcome outcome = swap.swap(incoming, live, previous, MARKER);

            // then the session was ended, the names moved, and both accept connections
            assertThat(openSession.isValid(2)).isFalse();
            assertThat(outcome).isEqualTo(DatabaseSwap.Outcome.SWAPPED);
        }
        assertThat(holds(live)).isEqualTo("new");
        assertThat(holds(previous)).isEqualTo("old");
        assertThat(admin.exists(incoming)).isFalse();
        assertThat(allowsConnections(live)).isTrue();
        assertThat(allowsConnections(previous)).isTrue();
    }

    @Test
    void withoutALiveDatabaseTheCopyTakesItsNameAndAnOrphanedPreviousIsKept() throws Exception {
        // given (the state a swap of old killed between its two renames left) no live database, only previous;
        // the bug: the restarted swap dropped previous, the only old copy
        pg.execute("postgres", "ALTER DATABASE " + live + " RENAME TO " + previous);

        // when
        DatabaseSwap.Outcome outcome = swap.swap(incoming, live, previous, MARKER);

        // then
        assertThat(outcome).isEqualTo(DatabaseSwap.Outcome.CREATED);
        assertThat(holds(live)).isEqualTo("new");
        assertThat(holds(previous)).isEqualTo("old");
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-mark", "after-drop-kept", "after-block", "after-terminate", "in-transaction"})
    void aFailureBeforeTheCommitLeavesTheOldDataLiveAndARetrySwaps(String point) throws Exception {
        // given the swap fails at a point before its transaction commits
        admin.create(previous);
        System.setProperty("nightshift.failpoint", "test.swap." + point + ":throw");

        // when
        assertThatThrownBy(() -> swap.swap(incoming, live, previous, MARKER)).hasMessageContaining("failpoint test.swap." + point);

        // then the old data is live and reachable, the copy is intact
        assertThat(holds(live)).isEqualTo("old");
        assertThat(holds(incoming)).isEqualTo("new");
        assertThat(allowsConnections(live)).isTrue();

        // and a retry swaps
        System.clearProperty("nightshift.failpoint");
        assertThat(swap.swap(incoming, live, previous, MARKER)).isEqualTo(DatabaseSwap.Outcome.SWAPPED);
        assertThat(holds(live)).isEqualTo("new");
        assertThat(holds(previous)).isEqualTo("old");
        assertThat(admin.exists(incoming)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-commit", "after-allow"})
    void aFailureAfterTheCommitLeavesTheNewDataLiveAndARetryFinishes(String point) throws Exception {
        // given the swap fails after its transaction committed
        System.setProperty("nightshift.failpoint", "test.swap." + point + ":throw");
        assertThatThrownBy(() -> swap.swap(incoming, live, previous, MARKER)).hasMessageContaining("failpoint");
        assertThat(admin.exists(incoming)).isFalse();
        assertThat(admin.comment(live)).isEqualTo(MARKER);

        // when retried
        System.clearProperty("nightshift.failpoint");
        DatabaseSwap.Outcome outcome = swap.swap(incoming, live, previous, MARKER);

        // then it recognises its own copy and finishes
        assertThat(outcome).isEqualTo(DatabaseSwap.Outcome.ALREADY_SWAPPED);
        assertThat(holds(live)).isEqualTo("new");
        assertThat(holds(previous)).isEqualTo("old");
        assertThat(allowsConnections(live)).isTrue();
        assertThat(allowsConnections(previous)).isTrue();
    }

    @Test
    void aMissingCopyIsAnErrorThatSaysTheOldDataIsStillLive() throws Exception {
        // given the copy is gone and the live database is not this run's
        pg.dropDatabase(incoming);

        // when / then
        assertThatThrownBy(() -> swap.swap(incoming, live, previous, MARKER))
                .hasMessageContaining("nothing was swapped, " + live + " holds its old data");
        assertThat(holds(live)).isEqualTo("old");
        assertThat(admin.exists(previous)).isFalse();
    }

    private String holds(String database) {
        try (Connection c = pg.connect(database); var rs = c.createStatement().executeQuery("SELECT v FROM marker")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean allowsConnections(String database) {
        return pg.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datallowconn AND datname = '" + database + "'") == 1;
    }
}
