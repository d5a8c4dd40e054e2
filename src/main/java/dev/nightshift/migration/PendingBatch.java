package dev.nightshift.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Settles the batch a killed run left pending: the target's own record of its transaction says whether it
 * committed (then it counts) or not (then it is redone). A killed client's transaction is rolled back by the
 * server once it notices the closed connection, so "in progress" only lasts a moment.
 */
final class PendingBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PendingBatch.class);
    private static final int WAIT_SECONDS = 60;

    private PendingBatch() {
    }

    static void settle(Connection target, MigrationProgress progress, String xid, String run) throws SQLException, InterruptedException {
        for (int waited = 0; ; waited++) {
            String status = status(target, xid);
            if ("committed".equals(status)) {
                LOG.info("{}: the batch in flight when the last run ended had committed (transaction {}); it counts", run, xid);
                progress.confirm();
                return;
            }
            if ("aborted".equals(status)) {
                LOG.info("{}: the batch in flight when the last run ended had rolled back (transaction {}); it is redone", run, xid);
                progress.discard();
                return;
            }
            if (status == null) {
                throw new IllegalStateException(run + ": cannot tell whether the batch of transaction " + xid
                        + " committed (the server no longer knows it); check the rows after the last recorded key by hand,"
                        + " then start a new run with another --run-key");
            }
            if (waited >= WAIT_SECONDS) {
                throw new IllegalStateException(run + ": the batch of transaction " + xid + " is still in progress on the"
                        + " target after " + WAIT_SECONDS + " s; is the old run still alive? See pg_stat_activity, then restart");
            }
            Thread.sleep(1000);
        }
    }

    private static String status(Connection target, String xid) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT txid_status(?::bigint)")) {
            statement.setString(1, xid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
