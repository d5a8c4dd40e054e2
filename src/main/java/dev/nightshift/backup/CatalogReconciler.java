package dev.nightshift.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    void registerUncatalogued(BackupDirectory directory, String environment, String logical) throws IOException {
        Path folder = directory.folder(environment, logical);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path manifestFile : files.filter(f -> f.getFileName().toString().endsWith(BackupDirectory.MANIFEST)).toList()) {
                BackupManifest manifest = BackupManifest.read(manifestFile);
                if (!catalog.contains(manifest.artifact()) && Files.exists(directory.resolve(manifest.artifact()))) {
                    catalog.add(manifest, null);
                    log.warn("registered {} in the catalog: its run ended before it could", manifest.artifact());
                }
            }
        }
    }
}
