package dev.nightshift.maintenance;

import dev.nightshift.jobs.ExclusiveRunLock;
import dev.nightshift.jobs.RunningJobs;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The nightly maintenance of one database: VACUUM what needs it (within the window), then the report and
 * its history, then the alert check. A restart skips the tables already vacuumed.
 */
@Configuration(proxyBeanMethods = false)
class MaintenanceJobConfiguration {

    static final String JOB_NAME = "maintenance";

    @Bean
    Job maintenanceJob(JobRepository repository, DataSource ops, MaintenanceConnections connections, VacuumLog log,
                       MaintenanceHistory history, RunningJobs running) {
        return new JobBuilder(JOB_NAME, repository)
                .listener(new ExclusiveRunLock(ops, "maintenance run", MaintenanceRun.ENVIRONMENT, MaintenanceRun.DATABASE,
                        parameters -> "maintenance:" + parameters.getString(MaintenanceRun.ENVIRONMENT) + "/"
                                + parameters.getString(MaintenanceRun.DATABASE)))
                .start(step("vacuum", repository, new VacuumTasklet(connections, log, running)))
                .next(step("report", repository, new ReportTasklet(connections, log, history)))
                .next(step("alerts", repository, new AlertTasklet()))
                .build();
    }

    private static Step step(String name, JobRepository repository, Tasklet tasklet) {
        // every ops-database write of these steps commits on its own; VACUUM runs outside any transaction
        return new StepBuilder(JOB_NAME + "." + name, repository)
                .tasklet(tasklet, new ResourcelessTransactionManager()).build();
    }
}
