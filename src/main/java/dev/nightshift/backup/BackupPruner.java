package dev.nightshift.backup;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.Failpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies the retention policy to one environment's databases: after every successful backup, and by hand
 * with {@code nightshift prune} (which can show the plan without deleting).
 */
@Component
public class BackupPruner {

    private static final Logger log = LoggerFactory.getLogger(BackupPruner.class);

    private final BackupCatalog catalog;
    private final BackupTools tools;
    private final DeletedArtifacts deleted;

    BackupPruner(BackupCatalog catalog, BackupTools tools, DeletedArtifacts deleted) {
        this.catalog = catalog;
        this.tools = tools;
        this.deleted = deleted;
    }

    /** The plan for one database, as a readable report: what goes, what stays and which rule keeps it. */
    public String plan(String environment, String logical) {
        return plan(environment, logical, catalog.list(environment, logical)).describe();
    }

    /**
     * Deletes what the policy does not keep, and the artifacts of backups deleted earlier that are still
     * there; returns how many backups were deleted now.
     */
    public int prune(String environment, String logical) throws IOException {
        removeLeftovers(environment, logical);
        List<CatalogEntry> entries = catalog.list(environment, logical);
        RetentionPlan plan = plan(environment, logical, entries);
        Map<Long, CatalogEntry> byId = entries.stream().collect(Collectors.toMap(CatalogEntry::id, Function.identity()));
        BackupStorage storage = tools.storage();
        for (RetentionCandidate candidate : plan.delete()) {
            CatalogEntry entry = byId.get(candidate.id());
            // the catalog row first: a crash in between leaves files the next run's cleanup removes,
            // never a listed backup whose file is gone
            catalog.markDeleted(entry.id(), entry.verified() ? "retention: no rule keeps it" : "retention: unverified");
            Failpoint.reach("retention.after-mark");
            storage.delete(entry.artifact());
            deleted.removed(entry.id());
            log.info("retention deleted backup #{} {}", entry.id(), entry.artifact());
        }
        return plan.delete().size();
    }

    private void removeLeftovers(String environment, String logical) throws IOException {
        BackupStorage storage = tools.storage();
        for (DeletedArtifacts.Pending pending : deleted.pending(environment, logical)) {
            String where = pending.storage() == null ? LocalBackupStorage.LOCATION : pending.storage();
            if (!where.equals(storage.location())) {
                continue; // in a storage this configuration does not reach; it stays pending
            }
            if (storage.exists(pending.artifact()) || storage.exists(BackupStorage.manifestOf(pending.artifact()))) {
                storage.delete(pending.artifact());
                log.info("retention removed the artifact of backup #{} {}, deleted earlier but still present",
                        pending.id(), pending.artifact());
            }
            deleted.removed(pending.id());
        }
    }

    private RetentionPlan plan(String environment, String logical, List<CatalogEntry> entries) {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(tools.properties().backup().retention(), ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        return policy.plan(entries.stream().map(CatalogEntry::asCandidate).toList());
    }
}
