package dev.nightshift.jobs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import dev.nightshift.config.ConfigurationException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code nightshift jobs list|show|restart|stop}: the same four verbs for every job type, so an operator
 * learns them once.
 */
@Component
public class JobsAdmin {

    private final JdbcTemplate ops;
    private final JobRepository repository;
    private final JobOperator operator;
    private final JobLiveness liveness;
    private final ObjectProvider<Job> jobs;

    JobsAdmin(DataSource ops, JobRepository repository, JobOperator operator, JobLiveness liveness,
              ObjectProvider<Job> jobs) {
        this.ops = new JdbcTemplate(ops);
        this.repository = repository;
        this.operator = operator;
        this.liveness = liveness;
        this.jobs = jobs;
    }

    /** One row of {@code jobs list}. */
    public record ExecutionRow(long id, String job, String status, LocalDateTime start, LocalDateTime end,
                               String parameters, String exitCode) {
    }

    public List<ExecutionRow> list(String jobName, int limit) {
        return ops.query("""
                SELECT e.job_execution_id, i.job_name, e.status, e.start_time, e.end_time, e.exit_code,
                       (SELECT string_agg(p.parameter_name || '=' || p.parameter_value, ' ' ORDER BY p.parameter_name)
                          FROM nightshift.batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id AND p.identifying = 'Y') AS params
                  FROM nightshift.batch_job_execution e
                  JOIN nightshift.batch_job_instance i ON i.job_instance_id = e.job_instance_id
                 WHERE (?::text IS NULL OR i.job_name = ?)
                 ORDER BY e.job_execution_id DESC
                 LIMIT ?
                """, (rs, n) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        toLocal(rs.getTimestamp(4)), toLocal(rs.getTimestamp(5)), rs.getString(7), rs.getString(6)),
                jobName, jobName, limit);
    }

    public JobExecution execution(long id) {
        JobExecution execution;
        try {
            execution = repository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new ConfigurationException("there is no job execution " + id + "; see: nightshift jobs list");
        }
        return execution;
    }

    /** Whether a STARTED execution is really running somewhere (its process holds its liveness lock). */
    public Optional<String> runner(long id) {
        try {
            return liveness.runner(id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read locks from the ops database: " + e.getMessage(), e);
        }
    }

    /**
     * Restarts a failed or stopped execution; one left STARTED by a killed process is first marked failed
     * (recovered), and so is a step left STARTED by a run that recorded its own end but not its step's (it lost
     * the ops database meanwhile), which Spring Batch would otherwise take for a run still under way. Returns the
     * new execution, which has run to its end.
     */
    public JobExecution restart(long id) throws Exception {
        JobExecution execution = execution(id);
        boolean stepLeftRunning = execution.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning());
        if (execution.isRunning() || stepLeftRunning) {
            Optional<String> runner = runner(id);
            if (runner.isPresent()) {
                throw new JobRefusedException("execution " + id + " is still running (" + runner.get()
                        + "); stop it first with: nightshift jobs stop " + id);
            }
            execution = operator.recover(execution);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new JobRefusedException("execution " + id + " completed; there is nothing to restart");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new JobRefusedException("execution " + id + " was abandoned and cannot be restarted");
        }
        // Starting the job again with the instance's parameters is a restart. JobOperator.restart would look
        // the job up in the job registry, which only fills itself from eagerly created beans; with lazy
        // initialization (a command creates the few beans it uses) it may not know the job at all.
        String name = execution.getJobInstance().getJobName();
        Job job = jobs.stream().filter(j -> j.getName().equals(name)).findFirst().orElseThrow(() ->
                new JobRefusedException("execution " + id + " is of job '" + name + "', which this version does not have"));
        return operator.start(job, execution.getJobParameters());
    }

    /** Asks a running execution to stop; one whose process is gone is marked failed instead. */
    public String stop(long id) throws Exception {
        JobExecution execution = execution(id);
        if (!execution.isRunning()) {
            throw new JobRefusedException("execution " + id + " is not running (" + execution.getStatus() + ")");
        }
        if (runner(id).isEmpty()) {
            operator.recover(execution);
            return "execution " + id + " was not running any more (its process died); marked FAILED."
                    + " Restart it with: nightshift jobs restart " + id;
        }
        operator.stop(execution);
        return "asked execution " + id + " to stop; it stops at its next check (within a few seconds)";
    }

    private static LocalDateTime toLocal(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
