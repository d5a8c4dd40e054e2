package dev.nightshift.backup;

import dev.nightshift.config.NightshiftProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * nightshift.backup.freshness.max-age, or its per-environment override
 * (nightshift.backup.freshness.max-age-by-environment.ENV). Replace this bean with one derived from the
 * backup schedules once those are configured in one place.
 */
@Component
class ConfiguredFreshnessPolicy implements BackupFreshnessPolicy {

    private final NightshiftProperties properties;

    ConfiguredFreshnessPolicy(NightshiftProperties properties) {
        this.properties = properties;
    }

    @Override
    public Duration maxAge(String environment, String logical) {
        var freshness = properties.backup().freshness();
        return freshness.maxAgeByEnvironment().getOrDefault(environment, freshness.maxAge());
    }
}
