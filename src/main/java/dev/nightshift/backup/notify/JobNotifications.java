package dev.nightshift.backup.notify;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Pings a job's URL when a run starts and ends, and alerts the webhook when a run fails. The message has the
 * job, its identifying parameters and the first line of the failure, which by the project's rules never
 * holds a password.
 */
final class JobNotifications implements JobExecutionListener {

    private static final List<String> NAMED = List.of("environment", "from", "database");

    private final Notifier notifier;

    JobNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        notifier.ping(execution.getJobInstance().getJobName(), Notifier.Ping.START);
    }

    @Override
    public void afterJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            notifier.ping(job, Notifier.Ping.SUCCESS);
            return;
        }
        notifier.ping(job, Notifier.Ping.FAIL);
        if (execution.getStatus() == BatchStatus.FAILED) {
            notifier.alert(":red_circle: nightshift " + job + describe(execution) + " failed (execution "
                    + execution.getId() + "): " + reason(execution)
                    + "; details: nightshift jobs show " + execution.getId());
        }
    }

    private static String describe(JobExecution execution) {
        var parameters = execution.getJobParameters();
        String named = NAMED.stream().map(parameters::getString).filter(v -> v != null && !v.isBlank())
                .collect(Collectors.joining("/"));
        return named.isEmpty() ? "" : " of " + named;
    }

    private static String reason(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return execution.getExitStatus().getExitDescription().lines().findFirst().orElse("no reason recorded");
        }
        Throwable t = failures.get(0);
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
