package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import dev.nightshift.postgres.CountingOutputStream;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.ServerVersion;
import dev.nightshift.postgres.StopSignal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Map;

/**
 * Streams {@code pg_dump -Fc -Z0} through the compressor and a SHA-256 digest into a private partial file.
 * A repeatable-read transaction exports its snapshot to pg_dump, so the table list and row counts read here
 * describe exactly the data in the dump.
 */
final class BackupDumper {

    private static final int BUFFER = 1 << 20;

    DumpResult dump(PgTarget target, PgClient client, Path partial, Compression compression, int level,
                    boolean countRows, StopSignal stop) throws IOException, SQLException {
        Instant started = Instant.now();
        try (Connection snapshotHolder = target.connect()) {
            snapshotHolder.setAutoCommit(false);
            snapshotHolder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshotHolder.setReadOnly(true);
            ServerVersion server = ServerVersion.of(snapshotHolder);
            String snapshot = exportSnapshot(snapshotHolder);
            int tableCount = SnapshotInventory.tables(snapshotHolder).size();

            BackupDirectory.createPrivateFile(partial);
            MessageDigest sha256 = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                CountingOutputStream counted = new CountingOutputStream(Channels.newOutputStream(channel)) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open: it is fsynced below
                    }
                };
                // the compressor's close() must flush its frame, not close the channel we still fsync
                OutputStream digested = new DigestOutputStream(new BufferedOutputStream(counted, BUFFER), sha256);
                try (OutputStream compressed = ArtifactCodec.compress(digested, compression, level)) {
                    client.pgDump(target, List.of("--format=custom", "--compress=0", "--no-password",
                            "--snapshot=" + snapshot)).run(null, new BufferedOutputStream(compressed, BUFFER), stop);
                }
                size = counted.count();
                channel.force(true);
            }
            // counted after the dump, in the same snapshot: the source keeps changing, the snapshot does not
            Map<String, Long> rowCounts = countRows ? SnapshotInventory.rowCounts(snapshotHolder) : Map.of();
            snapshotHolder.rollback();
            return new DumpResult(HexFormat.of().formatHex(sha256.digest()), size, tableCount, rowCounts,
                    server.text(), client.version().text(), started, Instant.now());
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
