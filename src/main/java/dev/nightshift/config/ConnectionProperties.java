package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long Nightshift waits on a network connection that stops answering (a cut cable, a failed-over server,
 * a stalled firewall), for every connection it opens: to the environments' servers, to the ops database, and
 * for pg_dump and pg_restore. Without these limits a lost peer is noticed only after the operating system's
 * defaults, which are hours.
 *
 * @param connectTimeout   how long opening a connection may take (the TCP connect, and again the login)
 * @param socketTimeout    a query that gets no answer for this long fails; used on the ops database and on
 *                         connections that only run short queries (checks, status, migration batches, which
 *                         also get their statement timeout on top). Never on connections that may wait long
 *                         legitimately (VACUUM, COPY, pg_dump's snapshot, lock waits), which rely on the
 *                         keepalive, user-timeout and stall-timeout settings instead; 0 turns it off
 * @param keepaliveIdle    TCP keepalive probes start after the connection was idle this long, on both ends
 *                         (the server gets it as {@code tcp_keepalives_idle}, so a backend whose client vanished
 *                         ends and releases its locks)
 * @param keepaliveInterval time between two keepalive probes
 * @param keepaliveCount   unanswered probes after which the connection counts as lost
 * @param userTimeout      sent data that stays unacknowledged for this long drops the connection (TCP
 *                         {@code tcp_user_timeout}); applied on the server's end of every connection and on
 *                         pg_dump's and pg_restore's end; 0 turns it off
 * @param serverSide       send the keepalive and user-timeout settings to the server too (as the connection's
 *                         {@code options}); turn off for a pooler that refuses startup options (PgBouncer without
 *                         {@code ignore_startup_parameters = options})
 * @param stallTimeout     long work that makes no progress for this long is ended: its server stopped answering
 *                         while its TCP stack still does (or a proxy between hangs), which keepalives cannot notice.
 *                         A backup's pg_dump counts as stalled when it writes no byte of its archive (this also
 *                         bounds its wait for a table lock); pg_restore, VACUUM, schema migrations and the
 *                         sync's work on its servers (COPYs, schema dumps and scripts, ANALYZE, checks, seeds)
 *                         when a probe connection, every fifth of this limit (1 s to 30 s), finds none of their
 *                         sessions working or changing and Nightshift's end moved no data, or gets no answer. Set 0
 *                         behind a transaction-mode pooler (the probe cannot find the sessions there); 0 turns it off
 */
public record ConnectionProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("10m") Duration socketTimeout,
        @DefaultValue("30s") Duration keepaliveIdle,
        @DefaultValue("10s") Duration keepaliveInterval,
        @DefaultValue("6") int keepaliveCount,
        @DefaultValue("2m") Duration userTimeout,
        @DefaultValue("true") boolean serverSide,
        @DefaultValue("30m") Duration stallTimeout) {

    /** The built-in defaults, for code that builds a target outside a configured application. */
    public static final ConnectionProperties DEFAULTS = new ConnectionProperties(Duration.ofSeconds(10),
            Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(10), 6, Duration.ofMinutes(2), true,
            Duration.ofMinutes(30));

    public ConnectionProperties {
        if (connectTimeout == null || connectTimeout.toSeconds() < 1) {
            throw new ConfigurationException("nightshift.connections.connect-timeout must be at least 1s, was " + connectTimeout);
        }
        if (socketTimeout == null || socketTimeout.isNegative()) {
            throw new ConfigurationException("nightshift.connections.socket-timeout must be 0 (off) or more, was " + socketTimeout);
        }
        if (keepaliveIdle == null || keepaliveIdle.toSeconds() < 1 || keepaliveInterval == null || keepaliveInterval.toSeconds() < 1) {
            throw new ConfigurationException("nightshift.connections.keepalive-idle and keepalive-interval must be at least 1s");
        }
        if (keepaliveCount < 1) {
            throw new ConfigurationException("nightshift.connections.keepalive-count must be at least 1, was " + keepaliveCount);
        }
        if (userTimeout == null || userTimeout.isNegative()) {
            throw new ConfigurationException("nightshift.connections.user-timeout must be 0 (off) or more, was " + userTimeout);
        }
        if (stallTimeout == null || stallTimeout.isNegative()) {
            throw new ConfigurationException("nightshift.connections.stall-timeout must be 0 (off) or more, was " + stallTimeout);
        }
    }

    /**
     * The server-side settings, as a startup {@code options} value: the server probes an idle client and drops
     * one that stopped acknowledging, so its backend (and every lock it holds) ends within these limits.
     */
    public String serverOptions() {
        if (!serverSide) {
            return null;
        }
        return "-c tcp_keepalives_idle=" + keepaliveIdle.toSeconds()
                + " -c tcp_keepalives_interval=" + keepaliveInterval.toSeconds()
                + " -c tcp_keepalives_count=" + keepaliveCount
                + " -c tcp_user_timeout=" + userTimeout.toMillis();
    }

    /** libpq's client-side equivalents, as connection-string keywords for pg_dump and pg_restore. */
    public String libpqKeywords() {
        return "keepalives=1 keepalives_idle=" + keepaliveIdle.toSeconds()
                + " keepalives_interval=" + keepaliveInterval.toSeconds()
                + " keepalives_count=" + keepaliveCount
                + " tcp_user_timeout=" + userTimeout.toMillis();
    }
}
