package dev.nightshift.migration.schema;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.backup.CatalogEntry;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.jobs.JobOutcome;
import dev.nightshift.postgres.PgTarget;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/** The verified backup every schema change (forward or back) runs behind: no backup, no change. */
@Component
class PreChangeBackup {

    private final NightshiftProperties properties;
    private final BackupJobs backups;

    PreChangeBackup(NightshiftProperties properties, BackupJobs backups) {
        this.properties = properties;
        this.backups = backups;
    }

    /**
     * @param purpose for the backup's run key, e.g. {@code before-migrate-schema}
     * @return the verified backup taken, or why there is none
     */
    Taken take(PgTarget target, boolean confirmed, String purpose, String runKey) {
        String verify = properties.backup().verify().name().toLowerCase(Locale.ROOT);
        JobExecution backup = backups.backup(target.environment(), target.logicalName(), verify, confirmed, purpose + ":" + runKey);
        Optional<CatalogEntry> taken = backups.latestVerified(target.environment(), target.logicalName())
                .filter(entry -> entry.jobExecutionId() != null && entry.jobExecutionId() == backup.getId());
        if (backup.getStatus() != BatchStatus.COMPLETED || taken.isEmpty()) {
            return new Taken(null, JobOutcome.of(backup, "the pre-migration backup of " + target.describe()).message());
        }
        return new Taken(taken.get(), null);
    }

    /** The restore command that returns the database to the backup. */
    static String undoCommand(PgTarget target, CatalogEntry backup) {
        return "nightshift restore --env " + target.environment() + " --database " + target.logicalName() + " --backup "
                + backup.id() + " --into " + target.environment() + (target.protectedEnvironment() ? " --confirm-production" : "");
    }

    record Taken(CatalogEntry backup, String failure) {
    }
}
