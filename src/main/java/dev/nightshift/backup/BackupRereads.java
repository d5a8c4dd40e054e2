package dev.nightshift.backup;

import dev.nightshift.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nightshift backups verify}: re-reads every retained artifact of a database without restoring it (see
 * {@link ArtifactRereader}) and records each result in the catalog. Bit rot, a cut upload or a tampered object
 * is found on a schedule, not on the day the backup is needed; a failed artifact stops counting as verified.
 */
@Component
public class BackupRereads {

    private static final Logger log = LoggerFactory.getLogger(BackupRereads.class);

    private final BackupCatalog catalog;
    private final BackupTools tools;
    private final ArtifactRereader rereader = new ArtifactRereader();

    BackupRereads(BackupCatalog catalog, BackupTools tools) {
        this.catalog = catalog;
        this.tools = tools;
    }

    /**
     * @param againFailed also re-read artifacts whose earlier re-read failed (they stay marked whatever it finds)
     * @return one result per artifact re-read, newest first
     */
    public List<RereadResult> reread(String environment, String logical, boolean againFailed) {
        List<RereadResult> results = new ArrayList<>();
        for (CatalogEntry entry : catalog.list(environment, logical)) {
            if (againFailed || !Boolean.FALSE.equals(entry.rereadPassed())) {
                RereadResult result = reread(entry);
                if (result != null) {
                    results.add(result);
                }
            }
        }
        return results;
    }

    private RereadResult reread(CatalogEntry entry) {
        StoredArtifact artifact;
        try {
            artifact = tools.stored(entry);
        } catch (ConfigurationException e) {
            return new RereadResult(entry.id(), entry.environment(), entry.logicalDatabase(), entry.artifact(),
                    RereadResult.Outcome.NOT_READ, e.getMessage());
        }
        RereadResult result = rereader.reread(entry, artifact, catalog.rowCounts(entry.id()));
        if (result.outcome() == RereadResult.Outcome.FAILED && catalog.find(entry.id()).isEmpty()) {
            log.info("backup #{} was deleted by retention while it was re-read", entry.id());
            return null;
        }
        if (result.outcome() != RereadResult.Outcome.NOT_READ) {
            catalog.recordReread(entry.id(), result.passed(), result.detail());
        }
        if (result.passed()) {
            log.info("re-read backup #{} ({}): {}", entry.id(), entry.artifact(), result.detail());
        } else {
            log.error("re-read of backup #{} ({}) {}: {}", entry.id(), entry.artifact(),
                    result.outcome() == RereadResult.Outcome.FAILED ? "failed" : "was not possible", result.detail());
        }
        return result;
    }
}
