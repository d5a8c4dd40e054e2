package dev.nightshift.schedule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A crontab for hosts without Kubernetes. Cron has no per-line time zone that every implementation
 * understands: the crontab sets {@code CRON_TZ}, which cronie (RHEL, Fedora, Arch, Alpine's cronie) and
 * systemd-cron honour; Debian's and Ubuntu's classic cron ignores it and uses the host's zone, which is the
 * same thing when the schedule's zone is UTC and the host runs in UTC (the default schedules do).
 */
public final class CrontabRenderer {

    private CrontabRenderer() {
    }

    public static String render(Schedules schedules, String environment) {
        EnvironmentSchedule env = schedules.environment(environment);
        StringBuilder text = new StringBuilder();
        text.append("# ").append(KubernetesRenderer.GENERATED).append(" crontab --env ").append(environment)
                .append(" from jobs/schedules.yml; do not edit: change the schedule and run scripts/render.\n");
        text.append("# Install as the user that runs Nightshift: crontab cron/").append(environment).append(".crontab\n");
        text.append("# CRON_TZ needs cronie (or systemd-cron); classic Debian cron ignores it and uses the host's zone.\n");
        text.append("# The run key is the scheduled minute in UTC; a run that fails is resumed with nightshift jobs restart ID.\n");
        text.append("# Output goes to cron's mail (MAILTO); a non-zero exit code means the run failed.\n");
        text.append("SHELL=/bin/sh\n");
        text.append("CRON_TZ=").append(env.zone().getId()).append('\n');
        text.append("NIGHTSHIFT=/opt/nightshift/scripts/nightshift\n");
        text.append("NIGHTSHIFT_CONFIG=/etc/nightshift/nightshift.yml\n");
        for (ScheduleEntry entry : env.entries()) {
            text.append('\n').append("# ").append(entry.name()).append(" (").append(entry.args().get(0)).append(")\n");
            text.append(needs(SyncAccess.of(entry.args())));
            // '%' ends a crontab command line unless escaped
            String runKey = "\"$(date -u +\\%Y-\\%m-\\%dT\\%H:\\%MZ)\"";
            text.append(entry.cron().unix()).append(" \"$NIGHTSHIFT\" --config \"$NIGHTSHIFT_CONFIG\" ")
                    .append(quote(entry.argsForAllDatabases())).append(" --run-key ").append(runKey).append('\n');
        }
        return text.toString();
    }

    /** What a sync line needs on this host beyond its environment's credentials, and what it must not have. */
    private static String needs(SyncAccess access) {
        if (access.salt() && access.mountsSnapshots()) {
            return "# needs the masking salt (nightshift.sync.salt-file or $NIGHTSHIFT_MASKING_SALT) and writes masked snapshots to"
                    + " nightshift.sync.snapshot-directory\n";
        }
        if (access.salt()) {
            return "# needs the masking salt (nightshift.sync.salt-file or $NIGHTSHIFT_MASKING_SALT)\n";
        }
        if (access.mountsSnapshots()) {
            return "# reads masked snapshots from nightshift.sync.snapshot-directory (mount it read-only); needs no"
                    + " salt and no production credentials\n";
        }
        return "";
    }

    private static String quote(List<String> args) {
        return args.stream().map(a -> a.matches("[-A-Za-z0-9_./=:,@]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
