package dev.nightshift.schedule;

import dev.nightshift.config.ScheduleProperties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A Quartz scheduler of one environment on the JDBC job store in the ops database, clustered: every
 * instance of {@code nightshift scheduler --env ENV} shares the triggers, a trigger fires on exactly one of
 * them (taken under a row lock), and the runs of an instance that dies are taken over by another.
 */
public final class ClusteredScheduler {

    private ClusteredScheduler() {
    }

    /**
     * A scheduler in standby (call start()).
     *
     * @param instanceId {@code AUTO} (host name + time) in production; tests give two instances distinct ids
     */
    public static Scheduler create(DataSource ops, String environment, String instanceId, ScheduleProperties settings,
                                   ScheduledRuns runs) {
        String cluster = "nightshift-" + environment;
        String connections = "nightshift-ops-" + cluster + "-" + System.identityHashCode(runs) + "-" + System.nanoTime();
        // Quartz looks its data source up by name; ours is the application's connection pool
        DBConnectionManager.getInstance().addConnectionProvider(connections, new OpsConnections(ops));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, cluster);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "nightshift-schedule-" + environment);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.dataSource", connections);
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "nightshift.qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.clusterCheckin().toMillis()));
        // an idle instance looks for due triggers this often: a run triggered by another instance (a stopped run
        // handed over, say) starts within a check-in instead of Quartz's 30 s; Quartz refuses less than 1 s
        String checkin = Long.toString(Math.max(1000, Math.min(30_000, settings.clusterCheckin().toMillis())));
        p.setProperty("org.quartz.scheduler.idleWaitTime", checkin);
        // after a failed ops-database call Quartz waits this long before it tries again (15 s by default), so
        // schedules resume this soon after an ops outage ends (the factory sets the job store's dbRetryInterval
        // from this, over any value given for it)
        p.setProperty("org.quartz.scheduler.dbFailureRetryInterval", checkin);
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(settings.misfireGrace().toMillis()));
        // job data holds strings only: nothing Java-serialized in the ops database
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        try {
            Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
            // the factory hands out one scheduler per name and JVM; we keep our own reference instead
            SchedulerRepository.getInstance().remove(cluster);
            scheduler.getContext().put(ScheduledCommandJob.RUNS, runs);
            scheduler.getListenerManager().addTriggerListener(new MisfireLog(runs, settings.misfireGrace()),
                    EverythingMatcher.allTriggers());
            scheduler.getListenerManager().addSchedulerListener(new OpsOutageLog(environment));
            return scheduler;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler of " + environment + ": " + e.getMessage(), e);
        }
    }

    private record OpsConnections(DataSource ops) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return ops.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the application and closes with it
        }

        @Override
        public void initialize() {
        }
    }
}
