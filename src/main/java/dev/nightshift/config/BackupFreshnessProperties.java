package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * What {@code nightshift backups check} accepts.
 *
 * @param maxAge                 the newest verified backup of a database may be at most this old
 * @param maxAgeByEnvironment    per-environment override of {@code maxAge}, e.g. {@code {prod: 2h}}
 * @param minSizeRatio           the newest verified backup must be at least this fraction of the size of the one
 *                               before it; a sudden drop usually means missing data, not better compression
 * @param rereadMaxAge           every retained artifact must have been re-read by {@code nightshift backups verify}
 *                               (or taken) at most this long ago; 0 turns this part of the check off
 */
public record BackupFreshnessProperties(
        @DefaultValue("26h") Duration maxAge,
        Map<String, Duration> maxAgeByEnvironment,
        @DefaultValue("0.5") double minSizeRatio,
        @DefaultValue("8d") Duration rereadMaxAge) {

    public BackupFreshnessProperties {
        maxAgeByEnvironment = maxAgeByEnvironment == null ? Map.of() : Map.copyOf(maxAgeByEnvironment);
    }
}
