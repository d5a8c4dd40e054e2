package dev.nightshift.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The scheduler of this process (scheduler mode only) and its health: UP while it fires triggers; DOWN in
 * standby or after shutdown, so a replica that stopped scheduling is taken out of service.
 */
@Component("scheduler")
public class SchedulerState implements HealthIndicator {

    private volatile Scheduler scheduler;
    private volatile String environment;
    private volatile int schedules;

    /** Scheduler mode is starting: health is OUT_OF_SERVICE (503) until {@link #register} says it runs. */
    public void starting(String environmentName) {
        this.environment = environmentName;
    }

    public void register(Scheduler running, String environmentName, int scheduleCount) {
        this.scheduler = running;
        this.environment = environmentName;
        this.schedules = scheduleCount;
    }

    /** The environment this process schedules, when it runs in scheduler mode. */
    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    @Override
    public Health health() {
        Scheduler current = scheduler;
        if (current == null) {
            return environment == null ? Health.unknown().withDetail("mode", "not running as a scheduler").build()
                    : Health.outOfService().withDetail("environment", environment).withDetail("state", "starting").build();
        }
        try {
            Health.Builder health = current.isStarted() && !current.isInStandbyMode() && !current.isShutdown()
                    ? Health.up() : Health.down();
            return health.withDetail("environment", environment)
                    .withDetail("instance", current.getSchedulerInstanceId())
                    .withDetail("schedules", schedules)
                    .withDetail("state", current.isShutdown() ? "shut down" : current.isInStandbyMode() ? "standby" : "running")
                    .build();
        } catch (SchedulerException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
