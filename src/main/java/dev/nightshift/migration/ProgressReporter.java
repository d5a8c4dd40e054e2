package dev.nightshift.migration;

import dev.nightshift.jobs.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Progress of a data migration: a log line at least every {@code interval} and at every 5 % (rows walked of
 * the table's estimated total, rows changed, rate, ETA, batch size), and a progress bar when a person
 * watches on a terminal. The total starts as the planner's estimate and grows when the walk passes it.
 */
final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final String run;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final long resumedAt;
    private final ProgressBar bar;
    private long total;
    private long walked;
    private long changed;
    private long lastLogNanos = System.nanoTime();
    private int lastStep;

    ProgressReporter(String run, long estimatedTotal, Duration interval, long walked, long changed, boolean terminal) {
        this.run = run;
        this.intervalNanos = interval.toNanos();
        this.walked = walked;
        this.changed = changed;
        this.resumedAt = walked;
        this.total = Math.max(estimatedTotal, walked);
        this.lastStep = step();
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(run).setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().build() : null;
        if (bar != null) {
            bar.stepTo(walked);
        }
    }

    static boolean onTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    void batch(long keys, long rows, int nextSize) {
        walked += keys;
        changed += rows;
        if (walked >= total) {
            // the estimate was low: keep the total ahead of the walk until the walk ends
            total = walked + keys;
        }
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(walked);
            bar.setExtraMessage("batch " + nextSize);
        }
        long now = System.nanoTime();
        if (now - lastLogNanos >= intervalNanos || step() > lastStep) {
            log(nextSize, now);
        }
    }

    void finished() {
        total = walked;
        if (bar != null) {
            bar.maxHint(walked);
            bar.stepTo(walked);
        }
        log(0, System.nanoTime());
    }

    private void log(int size, long now) {
        lastLogNanos = now;
        lastStep = step();
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (walked - resumedAt) / seconds;
        String eta = rate <= 0 || walked >= total ? "-" : Progress.formatDuration((long) ((total - walked) / rate));
        LOG.info("{}: {} of ~{} rows ({}%), {} changed, {} rows/s, ETA {}{}", run, String.format("%,d", walked),
                String.format("%,d", total), total == 0 ? 100 : walked * 100 / total, String.format("%,d", changed),
                String.format("%,.0f", rate), eta, size > 0 ? ", batch size " + size : "");
    }

    private int step() {
        return total == 0 ? 20 : (int) (walked * 20 / total);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
