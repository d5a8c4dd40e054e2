package dev.nightshift.postgres;

import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseAdminTest {

    final TestPostgres pg = TestPostgres.get();
    final DatabaseAdmin admin = new DatabaseAdmin(new PgTarget("test", "-", "postgres", pg.host(), pg.port(),
            pg.user(), pg.password(), "disable", false));

    @Test
    void swapInKeepsTheOldDatabaseAsPreviousAndEndsItsSessions() throws Exception {
        // given a live database with an open session, an incoming one, and a stale previous one
        String live = pg.createDatabase("swap_live");
        String incoming = live + "__incoming";
        String previous = live + "__previous";
        admin.create(incoming);
        admin.create(previous);
        pg.execute(live, "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('old')");
        pg.execute(incoming, "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('new')");
        try (Connection openSession = pg.connect(live)) {

            // when
            admin.swapIn(incoming, live, previous);

            // then the session on the old database was ended, and the names moved
            assertThat(openSession.isValid(2)).isFalse();
        }
        try {
            assertThat(pg.queryLong(live, "SELECT count(*) FROM marker WHERE v = 'new'")).isEqualTo(1);
            assertThat(pg.queryLong(previous, "SELECT count(*) FROM marker WHERE v = 'old'")).isEqualTo(1);
            assertThat(admin.exists(incoming)).isFalse();
        } finally {
            pg.dropDatabase(live);
            pg.dropDatabase(previous);
        }
    }

    @Test
    void swapInWithoutALiveDatabaseJustRenames() throws Exception {
        String live = "swap_fresh_" + System.nanoTime();
        admin.create(live + "__incoming");
        try {
            admin.swapIn(live + "__incoming", live, live + "__previous");

            assertThat(admin.exists(live)).isTrue();
            assertThat(admin.exists(live + "__previous")).isFalse();
        } finally {
            pg.dropDatabase(live);
        }
    }
}
