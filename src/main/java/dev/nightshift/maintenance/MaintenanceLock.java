package dev.nightshift.maintenance;

import dev.nightshift.jobs.HeldLocks;
import dev.nightshift.jobs.JobLiveness;
import dev.nightshift.jobs.JobRefusedException;
import dev.nightshift.postgres.AdvisoryLock;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import javax.sql.DataSource;
import java.sql.SQLException;

/** One maintenance run per database at a time, across every process sharing the ops database. */
final class MaintenanceLock implements JobExecutionListener {

    private final DataSource ops;
    private final HeldLocks held = new HeldLocks();

    MaintenanceLock(DataSource ops) {
        this.ops = ops;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        String environment = execution.getJobParameters().getString(MaintenanceRun.ENVIRONMENT);
        String logical = execution.getJobParameters().getString(MaintenanceRun.DATABASE);
        String name = "maintenance:" + environment + "/" + logical;
        try {
            var lock = AdvisoryLock.tryAcquire(ops, name, "nightshift " + JobLiveness.processName()
                    + " job " + execution.getId());
            if (lock.isEmpty()) {
                throw new JobRefusedException("another maintenance run of " + environment + "/" + logical
                        + " is running (" + AdvisoryLock.holder(ops, name).orElse("another process") + "); this run did nothing");
            }
            held.hold(execution.getId(), lock.get());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the maintenance lock in the ops database: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        held.release(execution.getId());
    }
}
