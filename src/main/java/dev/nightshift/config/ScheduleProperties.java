package dev.nightshift.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The scheduler mode ({@code nightshift scheduler --env ENV}) and the metrics of one-run mode.
 *
 * @param file             the schedule definition (jobs/schedules.yml)
 * @param misfireGrace     a run the scheduler missed (all replicas down, a long run of the same job) still
 *                         fires once when it is late by less than this; older misses are skipped and logged.
 *                         Kubernetes CronJobs get the same value as startingDeadlineSeconds
 * @param threads          schedules that may run at the same time in one scheduler instance
 * @param clusterCheckin   how often a scheduler instance reports itself alive in the ops database (another
 *                         instance takes over the runs of one that stopped reporting), while idle, looks
 *                         for runs triggered by another instance, and, after the ops database did not answer,
 *                         tries again (between 1 s and 30 s)
 * @param pushgatewayUrl   one-run mode (CronJob, cron): push the run's metrics to this Prometheus Pushgateway
 *                         (e.g. http://pushgateway:9091); empty = do not push
 * @param pushgatewayJob   the Pushgateway's job label
 */
public record ScheduleProperties(
        @DefaultValue("jobs/schedules.yml") Path file,
        @DefaultValue("10m") Duration misfireGrace,
        @DefaultValue("4") int threads,
        @DefaultValue("7500ms") Duration clusterCheckin,
        String pushgatewayUrl,
        @DefaultValue("nightshift") String pushgatewayJob) {
}
