package dev.nightshift.sync.snapshot;

import dev.nightshift.postgres.StopSignal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Where an extraction hands its spool on while it runs: the pre-data schema once it is in the spool, each part
 * as soon as it is complete, and the spool once it is checked. A sink that loads parts needs them checked when
 * written (the originals fingerprinted first), so it says so. The export's sink does nothing; the one-process
 * sync's loads the target's incoming copy.
 */
public interface PartSink extends AutoCloseable {

    /** Nothing is done with the spool before it is complete (an export). */
    PartSink NONE = new PartSink() {
        @Override
        public boolean loadsWhileExtracting() {
            return false;
        }
    };

    boolean loadsWhileExtracting();

    /** The parts the extraction will write, before it starts (their shapes: no rows yet). */
    default void planned(List<SpooledTable> parts) {
    }

    /** The spool holds the pre-data schema; called on the extraction's own thread while the source is read. */
    default void schemaWritten() throws IOException, SQLException {
    }

    /** A part is complete (and, when the originals were fingerprinted first, checked); called on its COPY's thread. */
    default void partComplete(SpooledTable part) {
    }

    /** Throws once the sink has failed, so that the extraction stops too; polled while the source is read. */
    default void check() throws IOException {
    }

    /** Every part is written and the whole spool checked; called before its manifest is written. */
    default void extracted() throws IOException, SQLException, InterruptedException {
    }

    /** After the manifest is written: waits for what the sink still does. */
    default void finish(StopSignal stop) throws IOException, InterruptedException {
    }

    @Override
    default void close() {
    }
}
