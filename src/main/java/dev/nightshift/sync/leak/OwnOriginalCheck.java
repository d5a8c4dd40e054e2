package dev.nightshift.sync.leak;

import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.LeakTally;

/**
 * Checks, while a part is masked, that no template, hash or random output equals its own row's original:
 * the one check that needs the original row beside the masked one, so it runs where both are in memory.
 */
public final class OwnOriginalCheck {

    private final LeakPlan plan;
    private final RowFields masked;
    private final RowFields original;
    private final boolean active;
    private final LeakTally tally = new LeakTally();

    public OwnOriginalCheck(LeakPlan plan) {
        this.plan = plan;
        this.masked = new RowFields(plan.columns.size(), plan.binary);
        this.original = new RowFields(plan.columns.size(), plan.binary);
        this.active = plan.anySameRow();
    }

    /** Checks the rows of {@code written}, the masked form of {@code read} (the same rows in the same order). */
    public void check(CopyBlock read, CopyBlock written) {
        if (!active) {
            return;
        }
        int at = 0;
        int originalAt = 0;
        while (at < written.length()) {
            at = masked.split(written.data(), at, written.length());
            originalAt = original.split(read.data(), originalAt, read.length());
            for (int i = 0; i < plan.columns.size(); i++) {
                if (!masked.isNull(i) && plan.sameRow(i)
                        && plan.leaksOwnOriginal(i, plan.text(original, i), plan.text(masked, i))) {
                    tally.add(plan.table + "." + plan.columns.get(i) + " (" + plan.rules[i].strategy()
                            + ") equals its own row's original value", 1);
                }
            }
        }
    }

    public LeakTally tally() {
        return tally;
    }
}
