package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import dev.nightshift.jobs.Progress;
import dev.nightshift.objectstore.ObjectStore;
import dev.nightshift.postgres.CountingOutputStream;
import dev.nightshift.postgres.Failpoint;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import dev.nightshift.postgres.StopSignal;
import org.apache.commons.io.output.TeeOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams {@code pg_dump -Fc -Z0} through the compressor, the optional cipher and a SHA-256 digest into a
 * staged artifact of the backup storage.
 * A repeatable-read transaction exports its snapshot to pg_dump, so the table list read here describes exactly
 * the tables in the dump. Every table's rows are counted from the dump's own stream on its way past
 * ({@link ArchiveRowCounter}): no second read of the database, and the counts describe the artifact itself.
 */
final class BackupDumper {

    private static final int BUFFER = 1 << 20;

    /**
     * @param cipher null for a plain artifact; else the artifact is encrypted after compression, so the
     *               checksum covers the stored (encrypted) bytes
     */
    DumpResult dump(PgTarget target, PgClient client, ObjectStore.Upload upload, Compression compression,
                    int level, ArtifactCipher cipher, StopSignal stop) throws IOException, SQLException {
        Instant started = Instant.now();
        try (Connection snapshotHolder = target.connect()) {
            snapshotHolder.setAutoCommit(false);
            snapshotHolder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshotHolder.setReadOnly(true);
            ServerVersion server = ServerVersion.of(snapshotHolder);
            String snapshot = exportSnapshot(snapshotHolder);
            int tableCount = SnapshotInventory.tables(snapshotHolder).size();

            MessageDigest sha256 = sha256();
            CountingOutputStream counted = new CountingOutputStream(upload.stream()) {
                @Override
                public void close() throws IOException {
                    flush(); // the upload stays open: finish() completes it after the checksum is known
                }
            };
            // every close() in this chain flushes its frame (or final segment) down to the counter
            OutputStream digested = new DigestOutputStream(new BufferedOutputStream(counted, BUFFER), sha256);
            OutputStream sealed = cipher == null ? digested
                    : cipher.encrypt(digested, target.environment(), target.logicalName());
            ArchiveRowCounter rows = new ArchiveRowCounter();
            try (OutputStream compressed = ArtifactCodec.compress(sealed, compression, level);
                 Progress progress = Progress.bytes(target.describe() + " dump", tableBytes(target), Progress.interval())) {
                OutputStream teed = progress.counting(new TeeOutputStream(compressed, rows));
                Failpoint.reach("backup.dump.before-pg-dump");
                client.pgDump(target, List.of("--format=custom", "--compress=0", "--no-password",
                        "--snapshot=" + snapshot)).withStallTimeout(target.connections().stallTimeout())
                        .run(null, new BufferedOutputStream(teed, BUFFER), stop);
            }
            long size = counted.count();
            String checksum = HexFormat.of().formatHex(sha256.digest());
            upload.finish(checksum);
            snapshotHolder.rollback();
            ArchiveRowCounter.Result inventory = rows.result();
            return new DumpResult(checksum, size, tableCount, inventory.rowCounts(), inventory.failure(), server.text(),
                    client.version().text(), started, Instant.now());
        }
    }

    /**
     * What the dump will roughly stream: the tables' heap and TOAST bytes (indexes are not dumped). Asked on a
     * connection of its own: an error here must not abort the snapshot's transaction; 0 when it cannot tell.
     */
    private static long tableBytes(PgTarget target) {
        try (Connection c = target.connectBounded(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT coalesce(sum(pg_table_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
