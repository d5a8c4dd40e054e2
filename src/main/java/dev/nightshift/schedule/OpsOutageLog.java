package dev.nightshift.schedule;

import org.quartz.JobPersistenceException;
import org.quartz.SchedulerException;
import org.quartz.listeners.SchedulerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in one line what Quartz reports as a scheduler error (its own report is a stack trace per error); a
 * failed job store access is the ops database out of reach, which Quartz rides out by itself: it retries, and
 * fires again once the ops database answers.
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
        String what = "scheduler of " + environment + ": " + msg.replaceAll("\\.$", "") + " ("
                + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        if (cause instanceof JobPersistenceException) {
            LOG.error("{}; the ops database may be out of reach: Quartz retries, the schedules go on once it answers"
                    + " (a run due meanwhile starts late, or is skipped when later than"
                    + " nightshift.schedule.misfire-grace)", what);
        } else {
            LOG.error(what);
        }
    }
}
