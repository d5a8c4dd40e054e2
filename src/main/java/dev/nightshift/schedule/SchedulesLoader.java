package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads jobs/schedules.yml strictly: an unknown key, a bad cron expression or time zone, a duplicate name or
 * a command aimed at another environment is a configuration error naming the entry and the fix.
 */
public final class SchedulesLoader {

    /** Entry names become Kubernetes object names (with a prefix) and Quartz job names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");
    private static final Set<String> TOP = Set.of("image", "environments");
    private static final Set<String> ENVIRONMENT = Set.of("time-zone", "backup-storage", "snapshot-storage", "schedules");
    private static final Set<String> ENTRY = Set.of("name", "cron", "args", "timeout", "fan-out", "databases", "parallelism");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofHours(3);

    private SchedulesLoader() {
    }

    public static Schedules load(Path file) {
        Map<String, Object> root = map(read(file), file + ": top level", TOP);
        String image = string(root.get("image"), file + ": image");
        Map<String, EnvironmentSchedule> environments = new LinkedHashMap<>();
        map(root.get("environments"), file + ": environments", null).forEach((env, raw) ->
                environments.put(env, environment(file, env, raw)));
        if (environments.isEmpty()) {
            throw new ConfigurationException(file + ": no environments; add environments: {prod: {time-zone: UTC, schedules: [...]}}");
        }
        return new Schedules(file, image, environments);
    }

    private static EnvironmentSchedule environment(Path file, String env, Object raw) {
        String where = file + ": " + env;
        Map<String, Object> map = map(raw, where, ENVIRONMENT);
        String zoneName = string(map.get("time-zone"), where + ": time-zone");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new ConfigurationException(where + ": time-zone '" + zoneName + "' is not an IANA time zone"
                    + " (for example UTC or Europe/Berlin)");
        }
        String storage = map.get("backup-storage") == null ? "50Gi" : String.valueOf(map.get("backup-storage"));
        String snapshotStorage = map.get("snapshot-storage") == null ? "50Gi" : String.valueOf(map.get("snapshot-storage"));
        Object schedules = map.get("schedules");
        if (!(schedules instanceof List<?> list)) {
            throw new ConfigurationException(where + ": schedules must be a list of {name, cron, args}");
        }
        List<ScheduleEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object item : list) {
            ScheduleEntry entry = entry(where, env, zone, item);
            if (!names.add(entry.name())) {
                throw new ConfigurationException(where + ": two schedules are named '" + entry.name() + "'; names must be unique");
            }
            entries.add(entry);
        }
        return new EnvironmentSchedule(env, zone, storage, snapshotStorage, entries);
    }

    private static ScheduleEntry entry(String where, String env, ZoneId zone, Object raw) {
        Map<String, Object> map = map(raw, where + ": schedules", ENTRY);
        String name = string(map.get("name"), where + ": a schedule's name");
        String at = where + "/" + name;
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(at + ": name must be lower-case letters, digits and '-', at most 32"
                    + " characters (it names Kubernetes objects)");
        }
        CronSchedule cron = CronSchedule.parse(map.get("cron") == null ? null : String.valueOf(map.get("cron")), zone, at);
        if (!(map.get("args") instanceof List<?> rawArgs) || rawArgs.isEmpty()) {
            throw new ConfigurationException(at + ": args must be the command line as a list, e.g. [backup, --env, " + env + "]");
        }
        List<String> args = rawArgs.stream().map(String::valueOf).toList();
        checkArgs(at, env, args);
        Duration timeout = map.get("timeout") == null ? DEFAULT_TIMEOUT : duration(at, String.valueOf(map.get("timeout")));
        List<String> databases = fanOut(at, map, args);
        int parallelism = map.get("parallelism") == null ? Math.max(1, Math.min(2, databases.size()))
                : positive(at + ": parallelism", map.get("parallelism"));
        return new ScheduleEntry(env, name, cron, args, timeout, databases, parallelism);
    }

    /** {@code fan-out: per-database} with {@code databases: [auth, user]}: the databases, else none. */
    private static List<String> fanOut(String at, Map<String, Object> map, List<String> args) {
        Object mode = map.get("fan-out");
        if (mode == null) {
            if (map.containsKey("databases") || map.containsKey("parallelism")) {
                throw new ConfigurationException(at + ": databases and parallelism go with fan-out: per-database");
            }
            return List.of();
        }
        if (!"per-database".equals(String.valueOf(mode))) {
            throw new ConfigurationException(at + ": fan-out must be per-database, was " + mode);
        }
        if (!(map.get("databases") instanceof List<?> raw) || raw.isEmpty()) {
            throw new ConfigurationException(at + ": fan-out: per-database needs the databases it fans out to,"
                    + " e.g. databases: [auth, user] (pod N of the Indexed Job runs database N)");
        }
        if (args.contains("--database")) {
            throw new ConfigurationException(at + ": a fanned-out schedule names its databases under databases:, not"
                    + " with --database in args");
        }
        List<String> databases = raw.stream().map(String::valueOf).toList();
        if (new HashSet<>(databases).size() != databases.size()) {
            throw new ConfigurationException(at + ": databases " + databases + " names one database twice");
        }
        return databases;
    }

    private static int positive(String what, Object value) {
        try {
            int n = Integer.parseInt(String.valueOf(value));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(what + " must be a whole number of at least 1, was " + value);
    }

    /** Launchers add these; a schedule that set them would run twice with different values or one wrong file. */
    private static void checkArgs(String at, String env, List<String> args) {
        for (String reserved : List.of("--run-key", "--config")) {
            if (args.contains(reserved)) {
                throw new ConfigurationException(at + ": args must not contain " + reserved
                        + "; the scheduler, CronJob or crontab adds it");
            }
        }
        // a copied line that still names another environment would run that environment's job twice
        boolean aimsHere = false;
        for (int i = 0; i + 1 < args.size(); i++) {
            if ((args.get(i).equals("--env") || args.get(i).equals("--to")) && args.get(i + 1).equals(env)) {
                aimsHere = true;
            }
        }
        if (!aimsHere) {
            throw new ConfigurationException(at + ": args " + args + " do not work on environment " + env
                    + "; a schedule of " + env + " must say --env " + env + " (or --to " + env + " for a sync)");
        }
    }

    private static Duration duration(String at, String text) {
        try {
            return org.springframework.boot.convert.DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(at + ": timeout '" + text + "' is not a duration (e.g. 90m, 3h)");
        }
    }

    private static Object read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("the schedule file " + file + " does not exist; set"
                    + " nightshift.schedule.file to your jobs/schedules.yml");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(options)).load(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigurationException(file + ": not valid YAML: " + e.getProblem() + " at line "
                    + (e.getProblemMark().getLine() + 1), e);
        } catch (YAMLException e) {
            throw new ConfigurationException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new ConfigurationException(file + ": cannot read (" + e + ")", e);
        }
    }

    private static Map<String, Object> map(Object raw, String where, Set<String> allowed) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new ConfigurationException(where + ": expected a mapping (key: value)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        if (allowed != null) {
            for (String key : result.keySet()) {
                if (!allowed.contains(key)) {
                    throw new ConfigurationException(where + ": unknown key '" + key + "'; allowed: "
                            + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }
        return result;
    }

    private static String string(Object raw, String where) {
        if (raw == null || String.valueOf(raw).isBlank()) {
            throw new ConfigurationException(where + " is missing");
        }
        return String.valueOf(raw);
    }
}
