package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks every lock a running job holds, every {@code NIGHTSHIFT_LOCK_CHECK_INTERVAL} seconds (default 10;
 * also the system property {@code nightshift.lock-check-interval}): a query on the lock's own connection keeps
 * it from idling out and asks pg_locks whether our session still holds the lock. A lost lock (connection
 * dropped by an idle timeout, a proxy, a failover, pg_terminate_backend) stops the job at its next check
 * instead of letting it run unguarded, and the run ends FAILED, so that it can be restarted.
 * One daemon thread per process, started with the first lock.
 */
final class LockWatch {

    private static final Logger log = LoggerFactory.getLogger(LockWatch.class);

    private record Watched(JobExecution execution, String what) {
    }

    private static final Map<AdvisoryLock, Watched> WATCHED = new ConcurrentHashMap<>();
    private static final Map<Long, String> LOST = new ConcurrentHashMap<>();
    private static volatile ScheduledExecutorService timer;

    private LockWatch() {
    }

    static void watch(JobExecution execution, AdvisoryLock lock, String what) {
        WATCHED.put(lock, new Watched(execution, what));
        startTimer();
    }

    static void unwatch(AdvisoryLock lock) {
        WATCHED.remove(lock);
    }

    /**
     * A run of this execution id starts: a lost-lock record of an earlier run with the same id is stale (ids are
     * unique per ops database only, and one JVM may see several), and must not stop this one.
     */
    static void starting(long executionId) {
        LOST.remove(executionId);
    }

    /** Why the execution lost a lock, if it did. */
    static String lost(long executionId) {
        return LOST.get(executionId);
    }

    /** At the end of a run: one that lost a lock is FAILED (restartable), whatever its steps made of the stop. */
    static void failIfLost(JobExecution execution) {
        String reason = LOST.get(execution.getId());
        if (reason != null) {
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
            execution.addFailureException(new IllegalStateException(reason));
        }
    }

    /**
     * At the end of a run that completed: a lock lost since the last periodic check (the ops server restarted
     * moments ago) fails it too, as the check would have, since it ran unguarded for a while.
     */
    static void checkAtEnd(JobExecution execution) {
        WATCHED.forEach((lock, watched) -> {
            if (watched.execution().getId() == execution.getId() && !lock.stillHeld() && WATCHED.remove(lock) != null) {
                LOST.putIfAbsent(execution.getId(), reason(watched, lock));
                log.error("job execution {} {}", execution.getId(), LOST.get(execution.getId()));
            }
        });
    }

    /** Checks the locks of one execution now rather than at the timer's next check; the reason when one is lost. */
    static String checkNow(long executionId) {
        WATCHED.forEach((lock, watched) -> {
            if (watched.execution().getId() == executionId && !lock.stillHeld() && WATCHED.remove(lock) != null) {
                lose(watched, lock);
            }
        });
        return LOST.get(executionId);
    }

    static void checkAll() {
        WATCHED.forEach((lock, watched) -> {
            if (!lock.stillHeld() && WATCHED.remove(lock) != null) {
                lose(watched, lock);
            }
        });
    }

    private static void lose(Watched watched, AdvisoryLock lock) {
        JobExecution execution = watched.execution();
        if (!execution.getStatus().isRunning()) {
            // a watch left by a run that has ended: what it guarded is over, and its id may be another run's
            // in a later ops database of this JVM, which must not be stopped for it
            log.debug("job execution {} had ended when its {} lock went", execution.getId(), watched.what());
            return;
        }
        String reason = reason(watched, lock);
        LOST.putIfAbsent(execution.getId(), reason);
        log.error("job execution {} {}", execution.getId(), reason);
        // the same in-process stop a JobOperator.stop reaches through the repository: no further step starts,
        // the running one ends at its next chunk or stop-signal check
        execution.setStatus(BatchStatus.STOPPING);
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setTerminateOnly();
            }
        }
    }

    private static String reason(Watched watched, AdvisoryLock lock) {
        return "lost the " + watched.what() + " lock (" + lock.name() + "): its connection to the ops database"
                + " was closed or the lock released; stopped rather than run unguarded. Restart it with: nightshift"
                + " jobs restart " + watched.execution().getId();
    }

    private static void startTimer() {
        if (timer != null) {
            return;
        }
        synchronized (LockWatch.class) {
            if (timer == null) {
                long seconds = intervalSeconds();
                ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "nightshift-lock-watch");
                    thread.setDaemon(true);
                    return thread;
                });
                t.scheduleWithFixedDelay(LockWatch::checkSafely, seconds, seconds, TimeUnit.SECONDS);
                timer = t;
            }
        }
    }

    private static void checkSafely() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            log.warn("checking the held locks failed: {}", e.toString());
        }
    }

    private static long intervalSeconds() {
        String value = System.getProperty("nightshift.lock-check-interval", System.getenv("NIGHTSHIFT_LOCK_CHECK_INTERVAL"));
        try {
            return value == null ? 10 : Math.max(1, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            log.warn("NIGHTSHIFT_LOCK_CHECK_INTERVAL must be a number of seconds, was {}; using 10", value);
            return 10;
        }
    }
}
