package dev.nightshift.backup;

import dev.nightshift.jobs.DatabaseLocks;
import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.jobs.JobLiveness;
import dev.nightshift.jobs.JobRefusedException;
import dev.nightshift.postgres.AdvisoryLock;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * One backup, restore or sync of a database at a time, across every process that shares the ops database:
 * a second run finds the lock taken, says who holds it, and fails before it touches anything.
 */
class BackupLock implements JobExecutionListener {

    private final DataSource ops;
    private final String environmentParameter;
    private final HeldLocks held = new HeldLocks();

    /** @param environmentParameter the job parameter naming the environment whose database is written or read */
    BackupLock(DataSource ops, String environmentParameter) {
        this.ops = ops;
        this.environmentParameter = environmentParameter;
    }

    static String name(String environment, String logical) {
        return DatabaseLocks.name(environment, logical);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String environment = execution.getJobParameters().getString(environmentParameter);
        String logical = execution.getJobParameters().getString(BackupRun.DATABASE);
        String name = name(environment, logical);
        try {
            var lock = AdvisoryLock.tryAcquire(ops, name, "nightshift " + JobLiveness.processName()
                    + " job " + execution.getId());
            if (lock.isEmpty()) {
                String holder = AdvisoryLock.holder(ops, name).orElse("another process");
                throw new JobRefusedException("another backup, restore or sync of " + environment + "/" + logical
                        + " is running (" + holder + "); this run did nothing");
            }
            held.hold(execution.getId(), lock.get());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the backup lock in the ops database: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        held.release(execution.getId());
    }
}
