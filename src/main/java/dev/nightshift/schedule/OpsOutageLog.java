package dev.nightshift.schedule;

import org.quartz.SchedulerException;
import org.quartz.listeners.SchedulerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in one line what Quartz reports as a scheduler error, which in scheduler mode is nearly always the ops
 * database out of reach (Quartz's own report is a stack trace per error). Quartz keeps going by itself: it
 * retries, and fires again once the ops database answers.
 */
final class OpsOutageLog extends SchedulerListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OpsOutageLog.class);

    private final String environment;

    OpsOutageLog(String environment) {
        this.environment = environment;
    }

    @Override
    public void schedulerError(String msg, SchedulerException cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.error("scheduler of {}: {} ({}: {}); the ops database may be out of reach: Quartz retries, the"
                        + " schedules go on once it answers (a run due meanwhile starts late, or is skipped when later"
                        + " than nightshift.schedule.misfire-grace)", environment, msg.replaceAll("\\.$", ""),
                root.getClass().getSimpleName(), root.getMessage());
    }
}
