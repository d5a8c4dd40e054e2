package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a running job execution from one whose process died. Every execution holds an advisory lock named
 * after its id for as long as it runs; a STARTED execution whose lock is free was killed (SIGKILL, OOM,
 * node loss) and may be recovered and restarted. Registered on every job by {@link JobListenerRegistrar}.
 */
@Component
public class JobLiveness implements JobExecutionListener {

    private final DataSource ops;
    private final HeldLocks held = new HeldLocks();

    JobLiveness(DataSource ops) {
        this.ops = ops;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        LockWatch.starting(execution.getId());
        try {
            AdvisoryLock lock = AdvisoryLock.tryAcquire(ops, lockName(execution.getId()), "nightshift " + processName())
                    .orElseThrow(() -> new JobRefusedException("the liveness lock of job execution " + execution.getId()
                            + " is held by " + holderOf(execution.getId()) + ": another process runs it; this run did"
                            + " nothing (see: nightshift jobs show " + execution.getId() + ")"));
            held.hold(execution, lock, "liveness");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the liveness lock in the ops database: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED) {
            LockWatch.checkAtEnd(execution);
        }
        LockWatch.failIfLost(execution);
        held.release(execution.getId());
    }

    private String holderOf(long executionId) {
        try {
            return AdvisoryLock.holder(ops, lockName(executionId)).orElse("another process");
        } catch (SQLException e) {
            return "another process";
        }
    }

    /**
     * Work that is not a Spring Batch job (a migration rehearsal) but owns a scratch database: an id of its own,
     * above any execution id, kept alive by the same lock for as long as the returned lock is open, so that
     * {@link ScratchDatabases#sweep} leaves its database alone while it runs and drops it once its process is gone.
     */
    public Owner own() throws SQLException {
        long id = OWNER_IDS_FROM + System.currentTimeMillis() * 1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
        AdvisoryLock lock = AdvisoryLock.tryAcquire(ops, lockName(id), "nightshift " + processName())
                .orElseThrow(() -> new SQLException("the liveness lock " + id + " is taken; try again"));
        return new Owner(id, lock);
    }

    /** Execution ids of Spring Batch never reach this; ids of {@link #own()} start here. */
    private static final long OWNER_IDS_FROM = 1_000_000_000_000_000L;

    /** A live owner of scratch databases; closing it releases the lock. */
    public record Owner(long id, AdvisoryLock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    /** Who runs the execution, if a live process does. */
    public Optional<String> runner(long executionId) throws SQLException {
        if (held.holds(executionId)) {
            return Optional.of("this process");
        }
        return AdvisoryLock.holder(ops, lockName(executionId));
    }

    static String lockName(long executionId) {
        return "job-execution:" + executionId;
    }

    /** {@code host:pid}, as a person looking for the process would search for it. */
    public static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
