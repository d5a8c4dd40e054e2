package dev.nightshift.jobs;

import dev.nightshift.testsupport.NightshiftFixture;
import dev.nightshift.testsupport.NightshiftFixture.Environment;
import dev.nightshift.testsupport.SlowPgDump;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;

/** prod/app, a small database whose backups can be held in their dump step (see {@link SlowPgDump}). */
final class SlowBackupFixture {

    final SlowPgDump slowPgDump;
    final NightshiftFixture nightshift;

    private SlowBackupFixture(SlowPgDump slowPgDump, NightshiftFixture nightshift) {
        this.slowPgDump = slowPgDump;
        this.nightshift = nightshift;
    }

    static SlowBackupFixture create(String databasePrefix) throws IOException {
        TestPostgres pg = TestPostgres.get();
        String database = pg.createDatabase(databasePrefix);
        pg.execute(database, "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 1000)");
        SlowPgDump slowPgDump = SlowPgDump.create(Files.createTempDirectory("nightshift-slow"));
        NightshiftFixture nightshift = NightshiftFixture.builder()
                .environment("prod", new Environment().database("app", database))
                .setting("postgres: {bin-dir: " + slowPgDump.binDir() + "}")
                .dropOnClose(database)
                .build();
        return new SlowBackupFixture(slowPgDump, nightshift);
    }
}
