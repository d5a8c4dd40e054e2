package dev.nightshift.sync.leak;

import dev.nightshift.sync.export.MaskingSpool;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.LeakTally;
import dev.nightshift.sync.snapshot.SpoolReader;
import dev.nightshift.sync.snapshot.SpooledTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Once every part is extracted (and so every original fingerprinted), reads the masked spool back and looks
 * up every kept, template and json value among the originals of every masked column. It runs before anything
 * leaves the production side: a part with a finding is never loaded anywhere.
 */
public final class SpoolLeakCheck {

    private static final int BLOCK_ROWS = 1000;

    private SpoolLeakCheck() {
    }

    /** The parts with what the check found in each, in the same order. */
    public static List<SpooledTable> run(Path spool, List<SpooledTable> parts, MaskingSpool masking, Originals originals,
                                  int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<SpooledTable>> checked = new ArrayList<>();
            for (SpooledTable part : parts) {
                LeakPlan plan = masking.plan(part.file());
                checked.add(pool.submit(() -> check(spool, part, plan, originals)));
            }
            List<SpooledTable> results = new ArrayList<>();
            for (Future<SpooledTable> part : checked) {
                try {
                    results.add(part.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static SpooledTable check(Path spool, SpooledTable part, LeakPlan plan, Originals originals) throws Exception {
        if (plan == null || !plan.anySearched() || part.rows() == 0) {
            return part.checked(new LeakTally(), 0);
        }
        WrittenValues written = new WrittenValues(plan, originals);
        try (SpoolReader reader = new SpoolReader(spool.resolve(part.file()), 0, 0, part.binary())) {
            for (CopyBlock block = reader.next(BLOCK_ROWS); block != null; block = reader.next(BLOCK_ROWS)) {
                written.check(block);
            }
        }
        return part.checked(written.tally(), written.lookups());
    }
}
