package dev.nightshift.jobs;

import dev.nightshift.postgres.AdvisoryLock;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Lets one run at a time work on a database, across every process that shares the ops database: an
 * advisory lock held from before the job until after it. A second run finds it taken, says who holds it,
 * and fails before it touches anything.
 */
public final class ExclusiveRunLock implements JobExecutionListener {

    private final DataSource ops;
    private final String what;
    private final String environmentParameter;
    private final String databaseParameter;
    private final Function<JobParameters, String> lockName;
    private final HeldLocks held = new HeldLocks();

    /**
     * @param what     the kind of run the lock excludes, as the refusal names it ("backup, restore or sync")
     * @param lockName the lock's name for a run's parameters
     */
    public ExclusiveRunLock(DataSource ops, String what, String environmentParameter, String databaseParameter,
                            Function<JobParameters, String> lockName) {
        this.ops = ops;
        this.what = what;
        this.environmentParameter = environmentParameter;
        this.databaseParameter = databaseParameter;
        this.lockName = lockName;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String name = lockName.apply(parameters);
        try {
            var lock = AdvisoryLock.tryAcquire(ops, name, "nightshift " + JobLiveness.processName() + " job " + execution.getId());
            if (lock.isEmpty()) {
                String holder = AdvisoryLock.holder(ops, name).orElse("another process");
                throw new JobRefusedException("another " + what + " of " + parameters.getString(environmentParameter) + "/"
                        + parameters.getString(databaseParameter) + " is running (" + holder + "); this run did nothing");
            }
            held.hold(execution, lock.get(), what);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the " + what + " lock in the ops database: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        held.release(execution.getId());
    }
}
