package dev.nightshift.backup;

import java.time.Duration;

/**
 * How old the newest verified backup of a database may be before {@code nightshift backups check} fails.
 * Today {@link ConfiguredFreshnessPolicy} reads it from the configuration; an implementation derived from
 * each database's backup schedule (jobs/schedules.yml) can replace it without touching the check.
 */
public interface BackupFreshnessPolicy {

    Duration maxAge(String environment, String logical);
}
