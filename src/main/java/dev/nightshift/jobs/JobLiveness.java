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
