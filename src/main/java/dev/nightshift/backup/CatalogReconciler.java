package dev.nightshift.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * A run killed between writing a manifest and inserting its catalog row leaves a complete backup the
 * catalog does not know. The manifest is the proof of completeness, so the next run registers it.
 */
@Component
class CatalogReconciler {

    private static final Logger log = LoggerFactory.getLogger(CatalogReconciler.class);

    private final BackupCatalog catalog;

    CatalogReconciler(BackupCatalog catalog) {
        this.catalog = catalog;
    }

    void registerUncatalogued(BackupStorage storage, String environment, String logical) throws IOException {
        for (String manifestName : storage.manifests(environment, logical)) {
            BackupManifest manifest = BackupManifest.read(storage, manifestName);
            if (!catalog.contains(manifest.artifact()) && storage.exists(manifest.artifact())) {
                catalog.add(manifest, null);
                log.warn("registered {} in the catalog: its run ended before it could", manifest.artifact());
            }
        }
    }
}
