package dev.nightshift.schedule;

import dev.nightshift.backup.BackupFreshnessPolicy;
import dev.nightshift.config.NightshiftProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * How old a database's newest verified backup may be, derived from its backup schedule in
 * jobs/schedules.yml: the longest gap between two scheduled backups plus the time one may take (the entry's
 * timeout). An hourly backup with a 55 minute timeout may be 1h55m old; a daily one 24h55m. An environment
 * named in nightshift.backup.freshness.max-age-by-environment keeps that explicit setting; a database without
 * a backup schedule (or without a schedules file) keeps nightshift.backup.freshness.max-age.
 */
@Component
@Primary
class ScheduleFreshnessPolicy implements BackupFreshnessPolicy {

    private static final Duration HORIZON = Duration.ofDays(400);
    private static final int MAX_FIRES = 20_000;

    private final NightshiftProperties properties;
    private final BackupFreshnessPolicy configured;

    ScheduleFreshnessPolicy(NightshiftProperties properties,
                            @Qualifier("configuredFreshnessPolicy") BackupFreshnessPolicy configured) {
        this.properties = properties;
        this.configured = configured;
    }

    @Override
    public Duration maxAge(String environment, String logical) {
        if (properties.backup().freshness().maxAgeByEnvironment().containsKey(environment)) {
            return configured.maxAge(environment, logical);
        }
        return fromSchedule(environment, logical, ZonedDateTime.now()).orElseGet(() -> configured.maxAge(environment, logical));
    }

    Optional<Duration> fromSchedule(String environment, String logical, ZonedDateTime now) {
        var file = properties.schedule().file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        EnvironmentSchedule schedule = SchedulesLoader.load(file).environments().get(environment);
        if (schedule == null) {
            return Optional.empty();
        }
        return schedule.entries().stream()
                .filter(entry -> backsUp(entry.args(), logical))
                .map(entry -> longestGap(entry.cron(), now).map(gap -> gap.plus(entry.timeout())))
                .flatMap(Optional::stream)
                .min(Duration::compareTo);
    }

    /** {@code backup --env E} backs up every database; with {@code --database} only the ones named. */
    static boolean backsUp(List<String> args, String logical) {
        if (args.isEmpty() || !args.get(0).equals("backup")) {
            return false;
        }
        boolean named = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--database") && i + 1 < args.size()) {
                named = true;
                if (args.get(i + 1).equals(logical)) {
                    return true;
                }
            } else if (arg.equals("--database=" + logical)) {
                return true;
            } else if (arg.startsWith("--database=")) {
                named = true;
            }
        }
        return !named;
    }

    private static Optional<Duration> longestGap(CronSchedule cron, ZonedDateTime now) {
        Optional<ZonedDateTime> previous = cron.nextFireAfter(now);
        Duration longest = null;
        ZonedDateTime end = now.plus(HORIZON);
        for (int i = 0; i < MAX_FIRES && previous.isPresent() && previous.get().isBefore(end); i++) {
            Optional<ZonedDateTime> next = cron.nextFireAfter(previous.get());
            if (next.isEmpty()) {
                break;
            }
            Duration gap = Duration.between(previous.get(), next.get());
            longest = longest == null || gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return Optional.ofNullable(longest);
    }
}
