package dev.nightshift.jobs;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * The one way Nightshift starts a job: the CLI and the scheduler both come through here, so a job never
 * knows who launched it.
 */
@Component
public class JobRunner {

    private final JobOperator jobOperator;

    JobRunner(JobOperator jobOperator) {
        this.jobOperator = jobOperator;
    }

    /** Runs the job to its end on the calling thread. */
    public JobExecution run(Job job, JobParameters parameters) {
        try {
            return jobOperator.start(job, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefusedException(job.getName() + " with these parameters has already completed;"
                    + " use a new --run-key to run it again");
        } catch (JobExecutionAlreadyRunningException e) {
            throw new JobRefusedException(job.getName() + " with these parameters is already running;"
                    + " see nightshift jobs list");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + job.getName() + ": " + e.getMessage(), e);
        }
    }
}
