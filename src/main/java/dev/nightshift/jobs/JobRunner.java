package dev.nightshift.jobs;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.sql.SQLException;

/**
 * The one way Nightshift starts a job: the CLI and the scheduler both come through here, so a job never
 * knows who launched it.
 */
@Component
public class JobRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository repository;
    private final JobLiveness liveness;

    JobRunner(JobOperator jobOperator, JobRepository repository, JobLiveness liveness) {
        this.jobOperator = jobOperator;
        this.repository = repository;
        this.liveness = liveness;
    }

    /**
     * Runs the job to its end on the calling thread. When the same run (same identifying parameters) was
     * left STARTED by a process that died, it is recovered and resumed: that is what a retried CronJob pod,
     * or the scheduler instance that takes over a dead one's run, asks for with the same run key.
     */
    public JobExecution run(Job job, JobParameters parameters) {
        try {
            return start(job, parameters);
        } catch (JobExecutionAlreadyRunningException e) {
            JobExecution running = repository.getLastJobExecution(job.getName(), parameters);
            if (running == null || isAlive(running)) {
                throw new JobRefusedException(job.getName() + " with these parameters is already running;"
                        + " see nightshift jobs list");
            }
            LOG.info("execution {} of {} was left running by a process that died; recovering and resuming it",
                    running.getId(), job.getName());
            try {
                jobOperator.recover(running);
                return start(job, parameters);
            } catch (JobExecutionAlreadyRunningException again) {
                throw new JobRefusedException(job.getName() + " with these parameters is already running;"
                        + " see nightshift jobs list");
            } catch (Exception other) {
                throw new IllegalStateException("cannot resume " + job.getName() + ": " + other.getMessage(), other);
            }
        }
    }

    private JobExecution start(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(job, parameters);
            } catch (IllegalStateException e) {
                // Spring Batch creates a job's execution in a SERIALIZABLE transaction (so one run cannot start
                // twice); jobs of several databases starting at the same moment then conflict, and the loser's
                // transaction, rolled back whole, is simply tried again
                if (!serializationFailure(e) || attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("starting {} conflicted with another job's start (attempt {}); trying again", job.getName(), attempt);
                sleepQuietly(java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 100L * attempt));
            }
        }
    }

    private static final int CREATE_ATTEMPTS = 10;

    static boolean serializationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JobExecution startOnce(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException {
        try {
            return jobOperator.start(job, parameters);
        } catch (JobInstanceAlreadyCompleteException e) {
            throw new JobRefusedException(job.getName() + " with these parameters has already completed;"
                    + " use a new --run-key to run it again");
        } catch (JobExecutionAlreadyRunningException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + job.getName() + ": " + e.getMessage(), e);
        }
    }

    private boolean isAlive(JobExecution execution) {
        try {
            return liveness.runner(execution.getId()).isPresent();
        } catch (SQLException e) {
            return true;   // cannot tell: refuse rather than run it twice
        }
    }
}
