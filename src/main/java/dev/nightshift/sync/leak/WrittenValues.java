package dev.nightshift.sync.leak;

import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.LeakTally;


/**
 * Checks every masked row of the spool against the originals (see {@link LeakPlan} for what is searched and
 * what counts), inside this process on the production side: nothing is sent anywhere to be compared.
 */
public final class WrittenValues {

    private final LeakPlan plan;
    private final Originals originals;
    private final LeakVerifier.Searcher searcher;
    private final RowFields masked;
    private final boolean active;
    private final LeakTally tally = new LeakTally();

    public WrittenValues(LeakPlan plan, Originals originals) {
        this.plan = plan;
        this.originals = originals;
        this.searcher = originals.verifier().searcher();
        this.masked = new RowFields(plan.columns.size(), plan.binary);
        this.active = plan.anySearched();
    }

    /** Looks up every searched value of the masked rows of {@code written}. */
    public void check(CopyBlock written) {
        if (!active) {
            return;
        }
        int at = 0;
        while (at < written.length()) {
            at = masked.split(written.data(), at, written.length());
            for (int i = 0; i < plan.columns.size(); i++) {
                if (!masked.isNull(i) && plan.searched(i)) {
                    search(i);
                }
            }
        }
    }

    private void search(int column) {
        String value = masked.text(column, plan.kinds[column]);
        LeakPlan.Role role = plan.roles[column];
        searcher.search(value, plan.kinds[column].parts, (source, insideText) -> {
            if (role == LeakPlan.Role.JSON && originals.chance().contains(source)) {
                return; // the document's own fake values may equal some real one by chance
            }
            String where = plan.table + "." + plan.columns.get(column) + switch (role) {
                case TEMPLATE -> " (template output)";
                case JSON -> " (json, outside the masked paths)";
                default -> " (kept)";
            };
            tally.add(where + (insideText ? " holds an original email address of " : " holds an original value of ")
                    + originals.verifier().source(source), 1);
        });
    }

    public LeakTally tally() {
        return tally;
    }

    public long lookups() {
        return searcher.lookups();
    }
}
