package dev.nightshift.sync.export;

import dev.nightshift.postgres.Identifiers;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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


    SpoolManifest extract(PgTarget source, PgClient client, MaskingRules rules, MaskingSpool masking,
                          SpoolFiles spool, int threads, StopSignal stop) throws IOException, SQLException, InterruptedException {
        try (Connection holder = source.connect()) {
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            holder.setReadOnly(true);
            String snapshot = exportSnapshot(holder);
            Instant taken = Instant.now();
            List<SourceCatalog.Leaf> leaves = SourceCatalog.leaves(holder);
            List<SequenceValue> sequences = SourceCatalog.sequences(holder);
            List<String> materializedViews = SourceCatalog.materializedViews(holder);

            // the schema is dumped while the tables are copied: it is mostly round trips to the catalog
            List<SpooledTable> tables = copyTables(source, snapshot, leaves, rules, masking, spool, threads, stop, () -> {
                var schemaArchive = spool.resolve("schema.dump");
                client.pgDump(source, List.of("--format=custom", "--schema-only", "--no-password",
                        "--snapshot=" + snapshot, "--file=" + schemaArchive)).run(null, OutputStream.nullOutputStream(), stop);
                SchemaScripts.write(client, () -> Files.newInputStream(schemaArchive), spool, stop, copyComments);
                Files.delete(schemaArchive);
            });
            holder.rollback();
            log.info("spooled {} tables of {} from a snapshot taken at {} ({} in COPY binary format)", tables.size(),
                    source.describe(), taken, tables.stream().filter(SpooledTable::binary).count());
            return new SpoolManifest("live snapshot of " + source.describe() + " at " + taken, null, tables, sequences,
                    materializedViews);
        }
    }

    private List<SpooledTable> copyTables(PgTarget source, String snapshot, List<SourceCatalog.Leaf> leaves,
                                          MaskingRules rules, MaskingSpool masking, SpoolFiles spool,
                                          int threads, StopSignal stop,
                                          WhileCopying alongside) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        try {
            List<Future<SpooledTable>> copies = new ArrayList<>();
            for (TableParts.Part part : TableParts.plan(leaves, rules, binaryAllowed, partPages, threads)) {
                String file = spool.nextTableFile();
                copies.add(pool.submit(() -> copyTable(source, snapshot, part.leaf(), part.filter(), part.range(),
                        part.binary(), masking, file, open)));
            }
            alongside.run();
            List<SpooledTable> tables = new ArrayList<>();
            for (Future<SpooledTable> copy : copies) {
                tables.add(await(copy, open, stop));
            }
            return tables;
        } finally {
            pool.shutdownNow();
        }
    }


    /** Work done on the calling thread while the pool copies the tables. */
    @FunctionalInterface
    interface WhileCopying {
        void run() throws IOException;
    }

    private static SpooledTable await(Future<SpooledTable> copy, Set<Connection> open, StopSignal stop)
            throws IOException, InterruptedException {
        while (true) {
            try {
                return copy.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (stop.stopRequested()) {
                    for (Connection c : open) {
                        cancel(c);
                    }
                    throw new InterruptedException("stop requested while spooling the source");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("spooling a table failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }


    private static SpooledTable copyTable(PgTarget source, String snapshot, SourceCatalog.Leaf leaf, String filter,
                                          String range, boolean binary, MaskingSpool masking, String file,
                                          Set<Connection> open) throws IOException, SQLException {
        try (Connection c = source.connect()) {
            open.add(c);
            try {
                return copyTable(c, snapshot, leaf, filter, range, binary, masking, file);
            } finally {
                open.remove(c);
            }
        }
    }

    private static SpooledTable copyTable(Connection c, String snapshot, SourceCatalog.Leaf leaf, String filter,
                                          String range, boolean binary, MaskingSpool masking, String file)
            throws IOException, SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // the id comes from pg_export_snapshot() and is checked against its format; SET takes no parameters
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
        String columns = leaf.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String table = Identifiers.quote(leaf.schema(), leaf.name());
        // the filter is SQL from the reviewed rules file, like a view's definition: it cannot be a parameter
        String where = filter == null ? range : range == null ? "(" + filter + ")" : "(" + filter + ") AND " + range;
        String sql = (where == null
                ? "COPY " + table + (columns.isEmpty() ? "" : " (" + columns + ")") + " TO STDOUT"
                : "COPY (SELECT " + columns + " FROM ONLY " + table + " WHERE " + where + ") TO STDOUT")
                + (binary ? " (FORMAT binary)" : "");
        SpooledTable shape = SpooledTable.shape(leaf.schema(), leaf.name(), leaf.columns(), file, binary, leaf.types());
        MaskedPartWriter out = masking.open(shape);
        long rows;
        try (out) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
        c.rollback();
        if (rows != out.rows()) {
            throw new IOException(leaf.schema() + "." + leaf.name() + ": the source sent " + rows
                    + " rows but the spool took " + out.rows());
        }
        return masking.finish(shape, out);
    }

    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            // the connection is going away anyway
        }
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
}
