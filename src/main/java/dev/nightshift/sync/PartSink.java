package dev.nightshift.sync;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * What a live extraction hands on while it runs: the pre-data schema once it is in the spool, then each part
 * as soon as it is complete. A sink that loads parts needs them checked when written (the originals
 * fingerprinted first), so it says so.
 */
interface PartSink extends SnapshotCopies.Watch {

    /** Nothing is done before the extraction is complete (an export, a backup source). */
    PartSink NONE = new PartSink() {
        @Override
        public boolean loadsWhileExtracting() {
            return false;
        }

        @Override
        public void planned(List<SpooledTable> parts) {
        }

        @Override
        public void schemaWritten() {
        }

        @Override
        public void partComplete(SpooledTable part) {
        }

        @Override
        public void check() {
        }
    };

    boolean loadsWhileExtracting();

    /** The parts the extraction will write, before it starts (their shapes: no rows yet). */
    void planned(List<SpooledTable> parts);

    /** The spool holds the pre-data schema; called on the extraction's own thread while the parts are copied. */
    void schemaWritten() throws IOException, SQLException;

    /** A part is complete (and, when the originals were fingerprinted first, checked); called on its COPY's thread. */
    void partComplete(SpooledTable part);
}
