package dev.nightshift.jobs;

import dev.nightshift.postgres.StopSignal;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions this process is running, and the stop requests they must obey: SIGTERM to this process,
 * or {@code nightshift jobs stop ID} from anywhere (seen as STOPPING in the job repository).
 */
@Component
public class RunningJobs implements JobExecutionListener, Ordered {

    private static final long REPOSITORY_POLL_MILLIS = 3_000;

    private final ObjectProvider<JobRepository> repository;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    RunningJobs(ObjectProvider<JobRepository> repository) {
        this.repository = repository;
    }

    /**
     * First before a job, so last after it: the SIGTERM hook waits for "nothing running" and then closes the
     * connection pool, so every other listener (a migration's history row, metrics) must have finished by then.
     * Batch runs ordered listeners before unordered ones, and after-job listeners in reverse.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        synchronized (this) {
            notifyAll();
        }
    }

    public Set<Long> ids() {
        return Set.copyOf(running);
    }

    /** Called from the SIGTERM hook: every running job should stop at its next check. */
    public void requestShutdown() {
        shuttingDown = true;
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Waits until no job runs here any more, at most {@code millis}. */
    public synchronized boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!running.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 500));
        }
        return true;
    }

    /** A stop signal for work inside {@code executionId}: shutdown here, or STOPPING in the repository. */
    public StopSignal stopSignal(long executionId) {
        long[] lastPoll = {0};
        boolean[] stopping = {false};
        return () -> {
            if (shuttingDown || stopping[0] || HeldLocks.lost(executionId)) {
                return true;
            }
            long now = System.currentTimeMillis();
            if (now - lastPoll[0] >= REPOSITORY_POLL_MILLIS) {
                lastPoll[0] = now;
                JobExecution current = repository.getObject().getJobExecution(executionId);
                // JobOperator.stop from another process marks the execution STOPPED outright (it cannot reach
                // the step); recover marks it FAILED. Anything but STARTED means: stop working on it.
                stopping[0] = current != null && current.getStatus() != BatchStatus.STARTED
                        && current.getStatus() != BatchStatus.STARTING;
            }
            return stopping[0];
        };
    }
}
