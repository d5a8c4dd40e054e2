package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Advisory locks a listener took in beforeJob, kept by execution id until afterJob releases them. */
public final class HeldLocks {

    private final Map<Long, AdvisoryLock> held = new ConcurrentHashMap<>();

    public void hold(long executionId, AdvisoryLock lock) {
        held.put(executionId, lock);
    }

    public boolean holds(long executionId) {
        return held.containsKey(executionId);
    }

    public void release(long executionId) {
        AdvisoryLock lock = held.remove(executionId);
        if (lock != null) {
            lock.close();
        }
    }
}
