package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The contents of jobs/schedules.yml: one definition from which the scheduler mode, the Kubernetes
 * manifests and the crontabs are all derived.
 *
 * @param file         where it was read from (for messages)
 * @param image        the container image the rendered Kubernetes manifests run
 * @param environments the schedule of each environment, in file order
 */
public record Schedules(Path file, String image, Map<String, EnvironmentSchedule> environments) {

    public Schedules {
        environments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environments));
    }

    public EnvironmentSchedule environment(String name) {
        EnvironmentSchedule schedule = environments.get(name);
        if (schedule == null) {
            throw new ConfigurationException(file + " has no schedule for environment '" + name + "'; it has: "
                    + String.join(", ", environments.keySet()) + " (add it under environments:)");
        }
        return schedule;
    }

    public List<ScheduleEntry> entries() {
        return environments.values().stream().flatMap(e -> e.entries().stream()).toList();
    }
}
