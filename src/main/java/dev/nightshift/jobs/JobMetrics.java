package dev.nightshift.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job duration and outcome, and the time of the last success, per job, environment and database:
 * {@code nightshift_job_duration_seconds{job,environment,database,outcome}} and
 * {@code nightshift_job_last_success_timestamp_seconds{job,environment,database}} (scraped in scheduler
 * mode, pushed to a Pushgateway in one-run mode). Registered on every job by {@link JobListenerRegistrar}.
 */
@Component
public class JobMetrics implements JobExecutionListener {

    private final ObjectProvider<MeterRegistry> registry;
    private final Map<Tags, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    JobMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void afterJob(JobExecution execution) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters == null || execution.getStartTime() == null) {
            return;
        }
        LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
        Tags tags = Tags.of("job", execution.getJobInstance().getJobName(),
                "environment", parameter(execution, "environment"),
                "database", parameter(execution, "database"));
        Timer.builder("nightshift.job.duration").description("Duration of job executions by outcome")
                .tags(tags).tag("outcome", execution.getStatus().name().toLowerCase(Locale.ROOT))
                .register(meters).record(Duration.between(execution.getStartTime(), end));
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            AtomicLong epochSeconds = lastSuccess.computeIfAbsent(tags, t -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("nightshift.job.last.success.timestamp", value, AtomicLong::get).baseUnit("seconds")
                        .description("When a job last completed for this environment and database").tags(t).register(meters);
                return value;
            });
            epochSeconds.set(end.atZone(ZoneId.systemDefault()).toEpochSecond());
        }
    }

    private static String parameter(JobExecution execution, String name) {
        String value = execution.getJobParameters().getString(name);
        return value == null ? "" : value;
    }
}
