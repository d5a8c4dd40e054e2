package dev.nightshift.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
    private final SessionProbe probe;
    private final Runnable onStall;
    private final Thread thread;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean beaten;
    private volatile boolean stalled;

    private StallWatch() {
        this.server = null;
        this.limit = Duration.ZERO;
        this.what = "";
        this.probe = null;
        this.onStall = () -> { };
        this.thread = null;
    }

    private StallWatch(PgTarget server, String what, List<Integer> pids, String applicationName, Runnable onStall) {
        this.server = server;
        this.limit = server.connections().stallTimeout();
        this.what = what;
        this.probe = new SessionProbe(server, Duration.ofMillis(Math.max(1_000, Math.min(limit.toMillis(), 30_000))),
                pids, applicationName);
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
                throw watch.stalled() ? watch.stall(e) : e;
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
        return stalled ? stall(cause) : cause;
    }

    /** Like {@link #sqlFailure(SQLException)}, for a caller that throws IOException. */
    public java.io.IOException ioFailure(java.io.IOException cause) {
        return stalled ? new java.io.IOException(message(), stall(cause)) : cause;
    }

    /** The stall, with what the work saw of it suppressed, not as the cause: the outcome line reports the root cause. */
    private ServerStalledException stall(Exception cause) {
        ServerStalledException stall = new ServerStalledException(message());
        stall.addSuppressed(cause);
        return stall;
    }

    public String message() {
        return what + " made no progress for " + limit.toSeconds() + " s (" + probe.lastSeen() + "): its server stopped"
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
                Thread asking = new Thread(() -> {
                    try {
                        if (probe.moved()) {
                            lastProgress = System.nanoTime();
                        }
                    } finally {
                        probing.set(false);
                    }
                }, "stall-probe");
                asking.setDaemon(true);
                asking.start();
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

    /** Ends a connection at once, whatever it is waiting for: its blocked call fails. */
    public static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            log.debug("aborting a stalled connection failed", e);
        }
    }
}
