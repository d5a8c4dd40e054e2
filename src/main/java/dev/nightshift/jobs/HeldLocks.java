package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;
import org.springframework.batch.core.job.JobExecution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Advisory locks a listener took in beforeJob, kept by execution id until afterJob releases them, and
 * watched meanwhile: a lock lost while the job runs stops it (see {@link LockWatch}).
 */
public final class HeldLocks {

    private final Map<Long, AdvisoryLock> held = new ConcurrentHashMap<>();

    /** @param what the lock's purpose, as the log names it when the lock is lost ("sync", "liveness") */
    public void hold(JobExecution execution, AdvisoryLock lock, String what) {
        held.put(execution.getId(), lock);
        LockWatch.watch(execution, lock, what);
    }

    public boolean holds(long executionId) {
        return held.containsKey(executionId);
    }

    /** Whether a lock of the execution was lost while it ran (the run is failed and may be restarted). */
    public static boolean lost(long executionId) {
        return LockWatch.lost(executionId) != null;
    }

    /**
     * Fails unless every lock of the execution is still held, asked of the server now: a step calls it just
     * before it makes its result visible, because a lock lost since the last periodic check (the ops server
     * restarted, say) would otherwise go unnoticed by a run shorter than the check interval.
     */
    public static void requireHeld(long executionId) {
        String lost = LockWatch.checkNow(executionId);
        if (lost != null) {
            throw new IllegalStateException(lost);
        }
    }

    public void release(long executionId) {
        AdvisoryLock lock = held.remove(executionId);
        if (lock != null) {
            LockWatch.unwatch(lock);
            lock.close();
        }
    }
}
