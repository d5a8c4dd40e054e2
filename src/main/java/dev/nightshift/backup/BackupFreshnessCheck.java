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
 * means lost data or a broken dump, not better compression). And per retained artifact: none failed its
 * re-read, and each was re-read by {@code nightshift backups verify} (or taken) within
 * {@code nightshift.backup.freshness.reread-max-age}.
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
        List<CatalogEntry> all = catalog.list(environment, logical);
        List<CatalogEntry> verified = all.stream().filter(CatalogEntry::verified).toList();
        String name = environment + "/" + logical;
        List<String> rereads = rereadProblems(environment, all, now);
        if (verified.isEmpty()) {
            rereads.add(0, name + " has no verified backup; take one with: nightshift backup --env " + environment
                    + " --database " + logical);
            return new Result(environment, logical, name + ": no verified backup", String.join("; ", rereads));
        }
        CatalogEntry newest = verified.get(0);
        Duration maxAge = policy.maxAge(environment, logical);
        Duration age = Duration.between(newest.startedAt(), now);
        List<String> problems = new ArrayList<>(rereads);
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

    private List<String> rereadProblems(String environment, List<CatalogEntry> retained, Instant now) {
        Duration maxAge = properties.backup().freshness().rereadMaxAge();
        List<String> problems = new ArrayList<>();
        for (CatalogEntry e : retained) {
            if (Boolean.FALSE.equals(e.rereadPassed())) {
                problems.add("backup #" + e.id() + " failed its re-read " + human(Duration.between(e.rereadAt(), now))
                        + " ago: " + e.rereadDetail());
            } else if (!maxAge.isZero()) {
                Instant proven = e.rereadAt() == null ? e.startedAt() : e.rereadAt();
                Duration since = Duration.between(proven, now);
                if (since.compareTo(maxAge) > 0) {
                    problems.add("backup #" + e.id() + " was not re-read for " + human(since) + " (max " + human(maxAge)
                            + "); run: nightshift backups verify --env " + environment + " --database " + e.logicalDatabase());
                }
            }
        }
        return problems;
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
