package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many databases one command works on at the same time (backup, maintain, backups test-restore, sync).
 *
 * @param perServer at most this many jobs at a time on one PostgreSQL server (host and port), whatever the total
 * @param total     at most this many jobs at a time in one process; 0 means the number of available cores
 */
public record ConcurrencyProperties(
        @DefaultValue("2") int perServer,
        @DefaultValue("0") int total) {

    public ConcurrencyProperties {
        if (perServer < 1) {
            throw new ConfigurationException("nightshift.concurrency.per-server must be at least 1, was " + perServer);
        }
        if (total < 0) {
            throw new ConfigurationException("nightshift.concurrency.total must be 0 (the available cores) or more, was " + total);
        }
    }

    /** The overall limit in effect. */
    public int effectiveTotal() {
        return total == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : total;
    }
}
