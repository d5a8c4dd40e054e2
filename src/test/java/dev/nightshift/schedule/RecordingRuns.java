package dev.nightshift.schedule;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ScheduledRuns that records what each scheduler instance ran (and skipped), optionally taking its time. */
final class RecordingRuns implements ScheduledRuns {

    record Run(String instance, String entry, String runKey, Instant start, Instant end) {
    }

    record Skip(String instance, String entry, String runKey) {
    }

    private final String instance;
    private final List<Run> runs;
    private final List<Skip> skips;
    private final long millisPerRun;

    RecordingRuns(String instance, List<Run> runs, List<Skip> skips, long millisPerRun) {
        this.instance = instance;
        this.runs = runs;
        this.skips = skips;
        this.millisPerRun = millisPerRun;
    }

    static List<Run> runList() {
        return new CopyOnWriteArrayList<>();
    }

    static List<Skip> skipList() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public int run(String entry, List<String> args) {
        Instant start = Instant.now();
        try {
            Thread.sleep(millisPerRun);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runs.add(new Run(instance, entry, args.get(args.size() - 1), start, Instant.now()));
        return 0;
    }

    @Override
    public void skipped(String entry, String runKey) {
        skips.add(new Skip(instance, entry, runKey));
    }

    @Override
    public boolean shuttingDown() {
        return false;
    }
}
