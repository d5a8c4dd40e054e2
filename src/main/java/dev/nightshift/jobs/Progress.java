package dev.nightshift.jobs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Progress of one long piece of work (bytes of a dump, rows of a copy, tables of a VACUUM run): a progress
 * bar when a person watches on a terminal, and otherwise a log line at least every
 * {@code interval} with what is done, the rate and the time left. Thread-safe: parallel workers of one job
 * report into the same instance. The total is an estimate; it grows when the work passes it.
 */
public final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** How often a non-terminal run logs; also what the job families use unless a test asks otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private final String task;
    private final LongFunction<String> amount;
    private final long intervalNanos;
    private final long startNanos;
    private final ProgressBar bar;
    private long total;
    private long done;
    private long lastLogNanos;

    private Progress(String task, long total, LongFunction<String> amount, Duration interval, ProgressBar bar) {
        this.task = task;
        this.total = Math.max(0, total);
        this.amount = amount;
        this.intervalNanos = interval.toNanos();
        this.startNanos = System.nanoTime();
        this.lastLogNanos = startNanos;
        this.bar = bar;
    }

    /** Progress in bytes, e.g. a dump against the database's size. */
    public static Progress bytes(String task, long estimatedTotal, Duration interval) {
        return create(task, estimatedTotal, Progress::formatBytes, " MiB", 1 << 20, interval);
    }

    /** Progress in counted things: rows, tables. */
    public static Progress count(String task, long estimatedTotal, String unit, Duration interval) {
        return create(task, estimatedTotal, n -> String.format(Locale.ROOT, "%,d %s", n, unit), " " + unit, 1, interval);
    }

    private static Progress create(String task, long total, LongFunction<String> amount, String barUnit, long unitSize,
            Duration interval) {
        ProgressBar bar = onTerminal() ? new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII).setUnit(barUnit, unitSize).showSpeed().build() : null;
        return new Progress(task, total, amount, interval, bar);
    }

    private static volatile boolean barsAllowed = true;

    /** A person watches on an interactive terminal (a pod's log or a cron mail gets the log lines instead). */
    public static boolean onTerminal() {
        return barsAllowed && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** While several jobs run at once in this process, each reports with log lines, not bars. */
    public static void barsAllowed(boolean allowed) {
        barsAllowed = allowed;
    }

    public synchronized void add(long amountDone) {
        advanceTo(done + amountDone);
    }

    public synchronized void advanceTo(long newDone) {
        done = newDone;
        if (done > total) {
            total = done;
        }
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
        }
        long now = System.nanoTime();
        if (bar == null && now - lastLogNanos >= intervalNanos) {
            lastLogNanos = now;
            LOG.info(line(now));
        }
    }

    public synchronized long done() {
        return done;
    }

    synchronized String line(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : formatDuration((long) ((total - done) / rate));
        return String.format(Locale.ROOT, "%s: %s of ~%s (%d%%), %s/s, ETA %s", task, amount.apply(done), amount.apply(total),
                total == 0 ? 100 : done * 100 / total, amount.apply((long) rate), eta);
    }

    public static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + " s";
    }

    static String formatBytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
