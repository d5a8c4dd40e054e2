package dev.nightshift.schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything scheduled for one environment.
 *
 * @param name          the environment (prod, staging, dev)
 * @param zone          the IANA time zone its cron expressions are read in
 * @param backupStorage size of the backup volume claimed in Kubernetes, e.g. {@code 100Gi}
 * @param snapshotStorage size of the masked snapshot volume claimed in Kubernetes where a sync export or
 *                      import is scheduled
 * @param entries       the scheduled commands
 */
public record EnvironmentSchedule(String name, ZoneId zone, String backupStorage, String snapshotStorage,
                                  List<ScheduleEntry> entries) {

    public EnvironmentSchedule {
        entries = List.copyOf(entries);
    }

    public Optional<ScheduleEntry> entry(String entryName) {
        return entries.stream().filter(e -> e.name().equals(entryName)).findFirst();
    }
}
