package dev.nightshift.backup;

import dev.nightshift.config.NightshiftProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Size and age of the newest verified backup of every configured database, read from the catalog when the
 * metrics are scraped or pushed: {@code nightshift_backup_size_bytes} and {@code nightshift_backup_age_seconds}
 * (NaN while a database has no verified backup).
 */
@Component
class BackupMetrics implements MeterBinder {

    private final NightshiftProperties properties;
    private final BackupCatalog catalog;

    BackupMetrics(NightshiftProperties properties, BackupCatalog catalog) {
        this.properties = properties;
        this.catalog = catalog;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        properties.environments().forEach((environment, settings) -> settings.databases().keySet().forEach(db -> {
            Gauge.builder("nightshift.backup.size", () -> newest(environment, db).map(e -> (double) e.sizeBytes()).orElse(Double.NaN))
                    .baseUnit("bytes").description("Size of the newest verified backup")
                    .tags("environment", environment, "database", db).register(registry);
            Gauge.builder("nightshift.backup.age", () -> newest(environment, db)
                            .map(e -> (double) Duration.between(e.finishedAt(), Instant.now()).toSeconds()).orElse(Double.NaN))
                    .baseUnit("seconds").description("Age of the newest verified backup")
                    .tags("environment", environment, "database", db).register(registry);
        }));
    }

    private Optional<CatalogEntry> newest(String environment, String db) {
        try {
            return catalog.latestVerified(environment, db);
        } catch (RuntimeException e) {
            return Optional.empty();   // an unreachable ops database shows in health, not as a failed scrape
        }
    }
}
