package dev.nightshift.backup;

import dev.nightshift.config.NightshiftProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nightshift backups check} looks for, per database: a newest verified backup at all, no older
 * than its maximum age (the RPO), and not much smaller than the verified backup before it (a drop usually
 * means lost data or a broken dump, not better compression).
 */
@Component
public class BackupFreshnessCheck {

    private final BackupCatalog catalog;
    private final BackupFreshnessPolicy policy;
    private final NightshiftProperties properties;

    BackupFreshnessCheck(BackupCatalog catalog, BackupFreshnessPolicy policy, NightshiftProperties properties) {
        this.catalog = catalog;
        this.policy = policy;
        this.properties = properties;
    }

    /** One database's verdict: {@code problem} is null when it is fine; {@code summary} is one readable line. */
    public record Result(String environment, String logical, String summary, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public Result check(String environment, String logical, Instant now) {
        List<CatalogEntry> verified = catalog.list(environment, logical).stream().filter(CatalogEntry::verified).toList();
        String name = environment + "/" + logical;
        if (verified.isEmpty()) {
            return new Result(environment, logical, name + ": no verified backup",
                    name + " has no verified backup; take one with: nightshift backup --env " + environment
                            + " --database " + logical);
        }
        CatalogEntry newest = verified.get(0);
        Duration maxAge = policy.maxAge(environment, logical);
        Duration age = Duration.between(newest.startedAt(), now);
        List<String> problems = new ArrayList<>();
        if (age.compareTo(maxAge) > 0) {
            problems.add("newest verified backup #" + newest.id() + " is " + human(age) + " old, more than the allowed "
                    + human(maxAge));
        }
        double ratio = properties.backup().freshness().minSizeRatio();
        if (verified.size() > 1) {
            CatalogEntry previous = verified.get(1);
            if (newest.sizeBytes() < ratio * previous.sizeBytes()) {
                problems.add("newest verified backup #" + newest.id() + " has " + Sizes.human(newest.sizeBytes())
                        + ", less than " + ratio + " x the " + Sizes.human(previous.sizeBytes()) + " of #" + previous.id());
            }
        }
        String summary = name + ": backup #" + newest.id() + ", " + human(age) + " old (max " + human(maxAge) + "), "
                + Sizes.human(newest.sizeBytes());
        return new Result(environment, logical, summary, problems.isEmpty() ? null : name + ": " + String.join("; ", problems));
    }

    /** {@code 2d3h}, {@code 5h12m}, {@code 4m10s}: an age at a glance. */
    public static String human(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }
}
