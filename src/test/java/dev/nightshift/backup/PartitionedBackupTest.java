package dev.nightshift.backup;

import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: the list verification counted a partition's "TABLE ATTACH" entry of pg_restore --list as a
 * table of its own, so every backup of a database with partitions failed verification ("shows 7 tables but
 * the database had 5").
 */
class PartitionedBackupTest {

    static final TestPostgres pg = TestPostgres.get();

    @Test
    void aDatabaseWithPartitionsIsBackedUpAndVerified() {
        // given a partitioned table with two partitions
        String prod = pg.createDatabase("partitioned_prod");
        pg.execute(prod, """
                CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
                CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                INSERT INTO events VALUES (1, '2025-05-01'), (2, '2026-05-01');""");
        try (NightshiftFixture nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", prod)).dropOnClose(prod).build()) {
            // when
            CliResult result = nightshift.cli("backup", "--env", "prod");

            // then the three tables are counted once each and the backup is verified
            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(nightshift.cli("backups", "--env", "prod", "--json").out()).contains("pg_restore --list: 3 tables");
        }
    }
}
