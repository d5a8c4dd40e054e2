package dev.nightshift.cli;

import dev.nightshift.config.ConcurrencyProperties;
import dev.nightshift.jobs.Progress;
import dev.nightshift.postgres.PgTarget;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Runs one job per database of a command at the same time, within {@code nightshift.concurrency}: never more
 * than {@code per-server} on one PostgreSQL server (host and port), never more than {@code total} in all. One
 * database failing does not stop the others; the command's exit code is the worst one, and with more than
 * one database a summary lists every database's outcome.
 */
final class FanOut {

    /** The log lines of a database's job carry it (the console pattern prints it in brackets). */
    static final String DATABASE_KEY = "nightshift.database";

    private final ConcurrencyProperties limits;
    private final PrintWriter out;
    private final PrintWriter err;

    FanOut(ConcurrencyProperties limits, PrintWriter out, PrintWriter err) {
        this.limits = limits;
        this.out = out;
        this.err = err;
    }

    static FanOut of(LazyContext context, picocli.CommandLine.Model.CommandSpec spec) {
        return new FanOut(context.bean(dev.nightshift.config.NightshiftProperties.class).concurrency(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** @param job runs one database's job and returns its exit code (it prints its own outcome line) */
    int run(String what, List<PgTarget> targets, ToIntFunction<PgTarget> job) {
        return run(what, targets, List::of, job);
    }

    /**
     * @param touches every server a database's job works on (a sync reads one and writes another): the job waits
     *                until each of them is below its limit
     */
    int run(String what, List<PgTarget> targets, Function<PgTarget, List<PgTarget>> touches, ToIntFunction<PgTarget> job) {
        if (targets.size() <= 1 || limits.effectiveTotal() == 1) {
            Map<PgTarget, Integer> exits = new LinkedHashMap<>();
            targets.forEach(target -> exits.put(target, guarded(job, target)));
            return finish(what, exits);
        }
        // bars of several jobs would overwrite each other on one terminal: log lines instead
        Progress.barsAllowed(false);
        try {
            return concurrently(what, targets, touches, job);
        } finally {
            Progress.barsAllowed(true);
        }
    }

    private int concurrently(String what, List<PgTarget> targets, Function<PgTarget, List<PgTarget>> touches,
                             ToIntFunction<PgTarget> job) {
        List<PgTarget> pending = new ArrayList<>(targets);
        Map<PgTarget, Integer> exits = new LinkedHashMap<>();
        targets.forEach(target -> exits.put(target, null));
        Map<String, Integer> perServer = new HashMap<>();
        Map<Future<Integer>, PgTarget> running = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limits.effectiveTotal(), targets.size()),
                r -> new Thread(r, "nightshift-db-" + Integer.toHexString(r.hashCode())));
        ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
        try {
            while (!pending.isEmpty() || !running.isEmpty()) {
                PgTarget next = running.size() < limits.effectiveTotal() ? nextStartable(pending, perServer, touches) : null;
                if (next != null) {
                    pending.remove(next);
                    servers(next, touches).forEach(server -> perServer.merge(server, 1, Integer::sum));
                    running.put(done.submit(() -> guarded(job, next)), next);
                    continue;
                }
                Future<Integer> finished = done.take();
                PgTarget target = running.remove(finished);
                servers(target, touches).forEach(server -> perServer.merge(server, -1, Integer::sum));
                exits.put(target, finished.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("nightshift: interrupted while " + running.size() + " database job(s) still ran");
            return ExitCodes.JOB_FAILED;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // guarded() catches everything a job throws
        } finally {
            pool.shutdown();
        }
        return finish(what, exits);
    }

    private PgTarget nextStartable(List<PgTarget> pending, Map<String, Integer> perServer,
                                   Function<PgTarget, List<PgTarget>> touches) {
        return pending.stream().filter(t -> servers(t, touches).stream().allMatch(s -> perServer.getOrDefault(s, 0) < limits.perServer()))
                .findFirst().orElse(null);
    }

    private static java.util.Set<String> servers(PgTarget target, Function<PgTarget, List<PgTarget>> touches) {
        java.util.Set<String> servers = new java.util.TreeSet<>();
        touches.apply(target).forEach(t -> servers.add(server(t)));
        return servers;
    }

    /** A job's exception ends that database's job only, with the same one line and exit code as a whole command. */
    private int guarded(ToIntFunction<PgTarget> job, PgTarget target) {
        try (var ignored = org.slf4j.MDC.putCloseable(DATABASE_KEY, target.environment() + "/" + target.logicalName())) {
            return job.applyAsInt(target);
        } catch (RuntimeException e) {
            synchronized (err) {
                err.print(target.environment() + "/" + target.logicalName() + ": ");
                return NightshiftCli.report(e, err);
            }
        }
    }

    private int finish(String what, Map<PgTarget, Integer> exits) {
        int worst = exits.values().stream().mapToInt(Integer::intValue).max().orElse(ExitCodes.OK);
        if (exits.size() > 1) {
            PrintWriter summary = worst == ExitCodes.OK ? out : err;
            summary.println(what + " summary: " + exits.entrySet().stream()
                    .map(e -> e.getKey().environment() + "/" + e.getKey().logicalName() + " " + outcome(e.getValue()))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        return worst;
    }

    private static String outcome(int exit) {
        return switch (exit) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.USAGE -> "configuration error (exit 2)";
            case ExitCodes.REFUSED -> "refused (exit 3)";
            default -> "FAILED (exit " + exit + ")";
        };
    }

    static String server(PgTarget target) {
        return target.host().toLowerCase(Locale.ROOT) + ":" + target.port();
    }
}
