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

    /** How often a run without a terminal logs its progress. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** The interval the jobs use: {@link #DEFAULT_INTERVAL}, or the system property nightshift.progress-interval (e.g. 5s). */
    public static Duration interval() {
        String configured = System.getProperty("nightshift.progress-interval");
        return configured == null ? DEFAULT_INTERVAL
                : org.springframework.boot.convert.DurationStyle.detectAndParse(configured);
    }

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

    /** {@code out}, counting the bytes written through it as done. */
    public java.io.OutputStream counting(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
                add(len);
            }

            @Override
            public void write(int b) throws java.io.IOException {
                out.write(b);
                add(1);
            }
        };
    }

    /** {@code in}, counting the bytes read through it as done. */
    public java.io.InputStream counting(java.io.InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            @Override
            public int read() throws java.io.IOException {
                int b = in.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }
        };
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
