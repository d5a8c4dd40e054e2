package dev.nightshift.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends long work whose server stopped answering while its TCP stack still does (a hung server, a stalled proxy or
 * firewall): keepalives are answered there, and a read timeout would also end a VACUUM or an index build that
 * legitimately says nothing for hours. So a fresh probe connection asks the server, every few seconds, about the
 * work's own backends: the work moves while one of them is active and not waiting on its client, while what the
 * server reports of them changes (a new statement, COPY's or VACUUM's progress counters), or while the client
 * reports progress of its own ({@link #beat()}). When none of that happened for the stall timeout, or the server
 * did not answer the probe for that long, the work is ended ({@code nightshift.connections.stall-timeout}).
 */
public final class StallWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);
    private static final StallWatch OFF = new StallWatch();

    private final PgTarget server;
    private final Duration limit;
    private final String what;
    private final List<Integer> pids;
    private final String applicationName;
    private final Runnable onStall;
    private final Thread thread;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean beaten;
    private volatile boolean stalled;
    private volatile String lastSeen = "its server did not answer a probe in time";
    private volatile String fingerprint;
    private volatile String query;
    private volatile boolean copyProgress;

    private StallWatch() {
        this.server = null;
        this.limit = Duration.ZERO;
        this.what = "";
        this.pids = List.of();
        this.applicationName = null;
        this.onStall = () -> { };
        this.thread = null;
    }

    private StallWatch(PgTarget server, String what, List<Integer> pids, String applicationName, Runnable onStall) {
        this.server = server;
        this.limit = server.connections().stallTimeout();
        this.what = what;
        this.pids = List.copyOf(pids);
        this.applicationName = applicationName;
        this.onStall = onStall;
        this.thread = new Thread(this::watch, "stall-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches the work done on {@code connection} (until closed); a stall aborts the connection, so the blocked
     * call fails and {@link #failure(Exception)} tells why.
     */
    public static StallWatch onConnection(PgTarget server, Connection connection, String what) throws SQLException {
        if (server.connections().stallTimeout().isZero()) {
            return OFF;
        }
        // known from the connection's start-up, no round trip (a COPY may already be under way on it)
        int pid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        return new StallWatch(server, what, List.of(pid), null, () -> abort(connection));
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws Exception;
    }

    /**
     * Runs {@code work} on a new connection to {@code server} (for long work: no read timeout), ended as stalled
     * when the server shows no progress of it for the stall timeout; then fails with what stalled and the setting.
     */
    public static <T> T onNewConnection(PgTarget server, String what, ConnectionWork<T> work) throws Exception {
        try (Connection connection = server.connect()) {
            StallWatch watch = onConnection(server, connection, what);
            try (watch) {
                return work.run(connection);
            } catch (Exception e) {
                if (!watch.stalled()) {
                    throw e;
                }
                ServerStalledException stall = new ServerStalledException(watch.message());
                stall.addSuppressed(e);
                throw stall;
            }
        }
    }

    /** Watches the backends a client program opened under {@code applicationName}; a stall runs {@code onStall}. */
    public static StallWatch onApplication(PgTarget server, String applicationName, String what, Runnable onStall) {
        if (server.connections().stallTimeout().isZero()) {
            return OFF;
        }
        return new StallWatch(server, what, List.of(), applicationName, onStall);
    }

    /** A watch that watches nothing (for code that watches only sometimes). */
    public static StallWatch off() {
        return OFF;
    }

    /** The client moved (a COPY chunk sent or received, a block of input read). */
    public void beat() {
        beaten = true;
    }

    public boolean stalled() {
        return stalled;
    }

    /** What ended the work, for a caller that throws SQLException: the stall when there was one, else {@code cause}. */
    public SQLException sqlFailure(SQLException cause) {
        if (!stalled) {
            return cause;
        }
        // suppressed, not the cause: the outcome line reports the root cause, which would read "connection closed"
        ServerStalledException stall = new ServerStalledException(message());
        stall.addSuppressed(cause);
        return stall;
    }

    /** Like {@link #sqlFailure(SQLException)}, for a caller that throws IOException. */
    public java.io.IOException ioFailure(java.io.IOException cause) {
        if (!stalled) {
            return cause;
        }
        ServerStalledException stall = new ServerStalledException(message());
        stall.addSuppressed(cause);
        return new java.io.IOException(message(), stall);
    }

    public String message() {
        return what + " made no progress for " + limit.toSeconds() + " s (" + lastSeen + "): its server stopped"
                + " answering while its network still does, or a proxy or firewall between hangs. The limit is"
                + " nightshift.connections.stall-timeout";
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch() {
        long interval = Math.max(1_000, Math.min(30_000, limit.toMillis() / 5));
        java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            // the probe runs on a thread of its own: one the server does not answer must not delay the verdict
            if (probing.compareAndSet(false, true)) {
                Thread probe = new Thread(() -> {
                    try {
                        if (probe()) {
                            lastProgress = System.nanoTime();
                        }
                    } finally {
                        probing.set(false);
                    }
                }, "stall-probe");
                probe.setDaemon(true);
                probe.start();
            }
            if (beaten) {
                beaten = false;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > limit.toNanos() && !Thread.currentThread().isInterrupted()) {
                stalled = true;
                log.warn("{}", message());
                onStall.run();
                Failpoint.reach("stall-watch.ended");
                return;
            }
        }
    }

    /** Whether the server reports the work as moving; a probe the server does not answer is no progress. */
    private boolean probe() {
        Duration readTimeout = Duration.ofMillis(Math.max(1_000, Math.min(limit.toMillis(), 30_000)));
        try (Connection probe = server.connect(readTimeout)) {
            if (query == null) {
                query = query(probe);
                copyProgress = query.contains("pg_stat_progress_copy");
            }
            boolean working = false;
            StringBuilder seen = new StringBuilder();
            try (PreparedStatement s = probe.prepareStatement(query)) {
                Array array = probe.createArrayOf("int4", pids.toArray());
                s.setArray(1, array);
                s.setString(2, applicationName);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // a server without COPY's progress view (before 14) shows a COPY that waits on a slow
                        // client and one whose client is gone alike: there it counts as moving, never as a stall
                        working |= "active".equals(rs.getString("state"))
                                && (!"Client".equals(rs.getString("wait_event_type")) || !copyProgress);
                        seen.append(rs.getString("fingerprint")).append('\n');
                    }
                }
            }
            boolean changed = fingerprint != null && !fingerprint.contentEquals(seen);
            fingerprint = seen.toString();
            lastSeen = fingerprint.isEmpty() ? "its server shows none of its sessions" : "its server shows its sessions waiting";
            return working || changed;
        } catch (SQLException e) {
            lastSeen = "its server did not answer a probe: " + e.getMessage();
            return false;
        }
    }

    /** The server's activity and every progress view it has (they differ between versions), per backend. */
    private static String query(Connection probe) throws SQLException {
        List<String> views = new ArrayList<>();
        try (Statement s = probe.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'pg_catalog' AND c.relname LIKE 'pg\\_stat\\_progress\\_%' ORDER BY 1")) {
            while (rs.next()) {
                views.add(rs.getString(1));
            }
        }
        StringBuilder progress = new StringBuilder();
        for (String view : views) {
            progress.append(" || ' ' || coalesce((SELECT p::text FROM pg_catalog.").append(Identifiers.quote(view))
                    .append(" p WHERE p.pid = a.pid LIMIT 1), '')");
        }
        return "SELECT a.state, a.wait_event_type, a.pid || ' ' || coalesce(a.state, '') || ' '"
                + " || coalesce(a.wait_event, '') || ' ' || coalesce(a.state_change::text, '') || ' '"
                + " || coalesce(a.query_start::text, '')" + progress + " AS fingerprint"
                + " FROM pg_stat_activity a WHERE (a.pid = ANY (?) OR a.application_name = ?)"
                + " AND a.pid <> pg_backend_pid() ORDER BY a.pid";
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            log.debug("aborting a stalled connection failed", e);
        }
    }
}
