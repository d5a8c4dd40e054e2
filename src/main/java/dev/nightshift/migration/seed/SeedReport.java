package dev.nightshift.migration.seed;

import java.util.List;

/**
 * What one {@link SeedRunner#apply} did.
 *
 * @param applied files run now, as {@code class/file}
 * @param skipped files already applied unchanged
 */
public record SeedReport(List<String> applied, List<String> skipped) {

    public String summary() {
        return applied.size() + " seed file(s) applied" + (applied.isEmpty() ? "" : " (" + String.join(", ", applied) + ")")
                + ", " + skipped.size() + " unchanged";
    }
}
