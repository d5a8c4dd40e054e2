package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.PartSink;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StopSignal;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.snapshot.SequenceValue;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpooledTable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Spools a live database from one consistent snapshot: a repeatable-read transaction exports its snapshot,
 * pg_dump writes the schema from it, and parallel connections that import it COPY each table (through its
 * row filter; skip-data tables not at all) through the masking into the spool. The masked rows then wait on
 * disk, so a killed sync resumes from exactly the same data.
 */
final class LiveExtractor {

    private static final Logger log = LoggerFactory.getLogger(LiveExtractor.class);
    private static final long BLOCK_SIZE = 8192;
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?");

    private final long partPages;
    private final boolean binaryAllowed;
    private final boolean copyComments;

    /**
     * @param partBytes     tables bigger than this are spooled in parts of at most this size
     * @param binaryAllowed whether the target server reads this server's COPY binary format (same major version)
     * @param copyComments  whether the copy gets the source's comments (see {@link CatalogScrub})
     */
    LiveExtractor(long partBytes, boolean binaryAllowed, boolean copyComments) {
        this.copyComments = copyComments;
        this.partPages = Math.max(1, partBytes / BLOCK_SIZE);
        this.binaryAllowed = binaryAllowed;
    }


    /**
     * @param sink where each part goes once complete; when it loads parts while the extraction runs, every
     *             original of the masked columns is fingerprinted first (a pass over just those columns), so
     *             each part is checked for leaks as it is written and may leave the production side at once
     */
    SpoolManifest extract(PgTarget source, PgClient client, MaskingRules rules, MaskingSpool masking,
                          SpoolFiles spool, int threads, StopSignal stop, PartSink sink)
            throws IOException, SQLException, InterruptedException {
        try (Connection holder = source.connect()) {
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            holder.setReadOnly(true);
            String snapshot = exportSnapshot(holder);
            Instant taken = Instant.now();
            List<SourceCatalog.Leaf> leaves = SourceCatalog.leaves(holder);
            List<SequenceValue> sequences = SourceCatalog.sequences(holder);
            List<String> materializedViews = SourceCatalog.materializedViews(holder);
            List<TableParts.Part> parts = TableParts.plan(leaves, rules, binaryAllowed, partPages, threads);
            SnapshotCopies copies = new SnapshotCopies(source, snapshot, threads, stop);
            // the schema is dumped while the source is read: it is mostly round trips to the catalog
            SnapshotCopies.Alongside schema = () -> {
                var schemaArchive = spool.resolve("schema.dump");
                client.pgDump(source, List.of("--format=custom", "--schema-only", "--no-password",
                        "--snapshot=" + snapshot, "--file=" + schemaArchive))
                        .withStallWatch(source, "pg_dump of the schema of " + source.describe())
                        .run(null, OutputStream.nullOutputStream(), stop);
                SchemaScripts.write(client, () -> Files.newInputStream(schemaArchive), spool, stop, copyComments);
                Files.delete(schemaArchive);
                sink.schemaWritten();
            };
            if (sink.loadsWhileExtracting()) {
                // the incoming copy is created meanwhile, ready for the first part
                OriginalsPass.run(copies, parts, masking, schema);
                schema = () -> {
                };
            }

            List<SnapshotCopies.Copy<SpooledTable>> work = new ArrayList<>();
            List<SpooledTable> shapes = new ArrayList<>();
            for (TableParts.Part part : parts) {
                String file = spool.nextTableFile();
                shapes.add(part.shape(file));
                work.add(c -> {
                    SpooledTable done = copyTable(c, part, masking, file);
                    sink.partComplete(done);
                    Failpoint.reach("sync.extract.part-written");
                    return done;
                });
            }
            sink.planned(shapes);
            List<SpooledTable> tables;
            try {
                tables = copies.run(work, schema, sink::check);
            } catch (IOException | SQLException e) {
                failIfHolderLost(holder, source, e);
                throw e;
            }
            holder.rollback();
            log.info("spooled {} tables of {} from a snapshot taken at {} ({} in COPY binary format)", tables.size(),
                    source.describe(), taken, tables.stream().filter(SpooledTable::binary).count());
            return new SpoolManifest("live snapshot of " + source.describe() + " at " + taken, null, tables, sequences,
                    materializedViews);
        }
    }

    private static SpooledTable copyTable(Connection c, TableParts.Part part, MaskingSpool masking, String file)
            throws IOException, SQLException {
        SpooledTable shape = part.shape(file);
        MaskedPartWriter out = masking.open(shape);
        long rows;
        try (out) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(part.copySql(part.leaf().columns()), out);
        }
        if (rows != out.rows()) {
            throw new IOException(shape.qualifiedName() + ": the source sent " + rows + " rows but the spool took "
                    + out.rows());
        }
        return masking.finish(shape, out);
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            String id = rs.getString(1);
            if (!SNAPSHOT_ID.matcher(id).matches()) {
                throw new SQLException("unexpected snapshot id from pg_export_snapshot(): " + id);
            }
            return id;
        }
    }

    /**
     * A reader that failed because the session holding the snapshot ended (a cut or a restart of the source)
     * says so: what pg_dump or a COPY saw of it alone ("invalid snapshot identifier") does not.
     */
    private static void failIfHolderLost(Connection holder, PgTarget source, Exception failure) throws SQLException {
        if (alive(holder)) {
            return;
        }
        SQLException lost = new SQLException("the session on " + source.describe() + " that held the snapshot being"
                + " read ended (" + String.valueOf(failure.getMessage()).lines().findFirst().orElse("") + ")",
                "08006");
        // suppressed, not the cause: the outcome line reports the root cause, which is this
        lost.addSuppressed(failure);
        throw lost;
    }

    private static boolean alive(Connection holder) {
        try {
            return holder.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
