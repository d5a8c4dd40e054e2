package dev.nightshift.sync;

import dev.nightshift.sync.load.LoadProgress;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.nightshift.sync.SyncFixture.PG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spooled part whose load has committed some chunks but not all, once the extraction is complete (its
 * manifest written): the moment a kill tests the load's resume, whichever step loads the part (the
 * extraction's pipelined load or the data step).
 */
record LoadInProgress(Path spool, SpooledTable part, long committedRows) {

    /** Waits (at most two minutes) until a part of the running {@code sync} has at least {@code rows} rows in. */
    static LoadInProgress await(Process sync, SyncFixture fixture, long rows) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertThat(sync.isAlive()).as("sync ended early: " + fixture.nightshift.spawnOutput()).isTrue();
            Optional<LoadInProgress> found = find(fixture, rows);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no part's load got under way: " + fixture.nightshift.spawnOutput());
    }

    private static Optional<LoadInProgress> find(SyncFixture fixture, long atLeast) throws Exception {
        Optional<Path> spool = spool(fixture.workDirectory());
        if (spool.isEmpty() || !fixture.exists(fixture.incoming())) {
            return Optional.empty();
        }
        SpoolManifest manifest = SpoolManifest.read(spool.get()).orElseThrow();
        try (Connection c = PG.connect(fixture.incoming());
             ResultSet rs = c.createStatement().executeQuery("SELECT file, rows FROM " + LoadProgress.SCHEMA + ".load_progress")) {
            while (rs.next()) {
                for (SpooledTable part : manifest.tables()) {
                    if (part.file().equals(rs.getString(1)) && rs.getLong(2) >= atLeast && rs.getLong(2) < part.rows()) {
                        return Optional.of(new LoadInProgress(spool.get(), part, rs.getLong(2)));
                    }
                }
            }
        } catch (SQLException e) {
            return Optional.empty(); // the progress table does not exist yet
        }
        return Optional.empty();
    }

    private static Optional<Path> spool(Path work) throws Exception {
        if (!Files.isDirectory(work)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(p -> p.getFileName().toString().equals(SpoolManifest.FILE)).findFirst().map(Path::getParent);
        }
    }
}
