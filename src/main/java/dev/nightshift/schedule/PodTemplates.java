package dev.nightshift.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.nightshift.schedule.YamlDocument.list;
import static dev.nightshift.schedule.YamlDocument.map;

/**
 * The pod every Nightshift workload of an environment runs: non-root, read-only root filesystem, the jobs/
 * folder and the settings file from ConfigMaps, credentials from a Secret, backups on a volume claim; the
 * masking salt and the snapshot volume only where the command needs them ({@link SyncAccess}).
 */
final class PodTemplates {

    private final String environment;
    private final String image;
    private final List<Object> jobFiles;

    /** @param jobFiles the jobs ConfigMap's items: {key, path} for each file of the jobs/ folder */
    PodTemplates(String environment, String image, List<Object> jobFiles) {
        this.environment = environment;
        this.image = image;
        this.jobFiles = jobFiles;
    }

    static final String CONFIG_FILE = "/etc/nightshift/nightshift.yml";
    static final String RUN_KEY_VARIABLE = "NIGHTSHIFT_RUN_KEY";
    private static final int USER = 10001;

    static String name(String environment, String what) {
        return "nightshift-" + environment + "-" + what;
    }

    static Map<String, Object> labels(String environment, String component) {
        return map("app.kubernetes.io/name", "nightshift", "app.kubernetes.io/instance", "nightshift-" + environment,
                "app.kubernetes.io/component", component);
    }

    /** The command line a container runs: the settings file, then the Nightshift arguments. */
    static List<String> containerArgs(List<String> args) {
        List<String> full = new ArrayList<>(List.of("--config", CONFIG_FILE));
        full.addAll(args);
        return full;
    }

    /**
     * @param runKeyFromJobName set NIGHTSHIFT_RUN_KEY to the pod's Job name: a CronJob names each Job after its
     *                          scheduled minute, and a retried pod belongs to the same Job, so it resumes the run
     */
    Map<String, Object> podSpec(List<String> args, boolean runKeyFromJobName, String restartPolicy, Map<String, Object> containerExtras, Integer gracePeriod) {
        return podSpec(args, runKeyFromJobName, restartPolicy, containerExtras, gracePeriod, List.of());
    }

    /** @param extraEnv more container variables, e.g. an Indexed Job's completion index */
    Map<String, Object> podSpec(List<String> args, boolean runKeyFromJobName, String restartPolicy, Map<String, Object> containerExtras,
                                Integer gracePeriod, List<Object> extraEnv) {
        return podSpec(args, runKeyFromJobName, restartPolicy, containerExtras, gracePeriod, extraEnv, SyncAccess.of(args));
    }

    /** @param access the salt and snapshot volume the pod gets: what its command needs, or all of a scheduler's */
    Map<String, Object> podSpec(List<String> args, boolean runKeyFromJobName, String restartPolicy, Map<String, Object> containerExtras,
                                Integer gracePeriod, List<Object> extraEnv, SyncAccess access) {
        List<Object> env = new ArrayList<>(extraEnv);
        if (runKeyFromJobName) {
            env.add(map("name", RUN_KEY_VARIABLE, "valueFrom",
                    map("fieldRef", map("fieldPath", "metadata.labels['batch.kubernetes.io/job-name']"))));
        }
        env.add(map("name", "JAVA_TOOL_OPTIONS", "value", "-XX:MaxRAMPercentage=75"));
        List<Object> mounts = new ArrayList<>(List.of(
                map("name", "jobs", "mountPath", "/etc/nightshift/jobs", "readOnly", true),
                map("name", "config", "mountPath", CONFIG_FILE, "subPath", "nightshift.yml", "readOnly", true),
                map("name", "data", "mountPath", "/var/lib/nightshift"),
                map("name", "tmp", "mountPath", "/tmp")));
        List<Object> volumes = new ArrayList<>(List.of(
                map("name", "jobs", "configMap", map("name", name(environment, "jobs"), "items", jobFiles)),
                map("name", "config", "configMap", map("name", name(environment, "config"))),
                map("name", "data", "persistentVolumeClaim", map("claimName", name(environment, "data"))),
                map("name", "tmp", "emptyDir", map())));
        if (access.salt()) {
            // a file rather than a variable: it does not show in the pod's environment or in kubectl describe
            env.add(map("name", "NIGHTSHIFT_SYNC_SALTFILE", "value", SyncAccess.SALT_DIRECTORY + "/" + SyncAccess.SALT_KEY));
            mounts.add(map("name", "masking-salt", "mountPath", SyncAccess.SALT_DIRECTORY, "readOnly", true));
            volumes.add(map("name", "masking-salt", "secret", map("secretName", name(environment, "masking-salt"),
                    "items", list(map("key", SyncAccess.SALT_KEY, "path", SyncAccess.SALT_KEY)))));
        }
        if (access.mountsSnapshots()) {
            // the importing side mounts the snapshots read-only: whoever can write them can also write a new seal
            Map<String, Object> mount = map("name", "snapshots", "mountPath", SyncAccess.SNAPSHOT_DIRECTORY);
            Map<String, Object> claim = map("claimName", name(environment, "snapshots"));
            if (access.readOnly()) {
                mount.put("readOnly", true);
                claim.put("readOnly", true);
            }
            mounts.add(mount);
            volumes.add(map("name", "snapshots", "persistentVolumeClaim", claim));
        }
        Map<String, Object> container = map(
                "name", "nightshift",
                "image", image,
                "args", containerArgs(args),
                // relative paths in settings (jobs/masking, jobs/migrations, ...) resolve inside the jobs ConfigMap
                "workingDir", "/etc/nightshift",
                "env", env,
                "envFrom", list(
                        map("configMapRef", map("name", name(environment, "environment"), "optional", true)),
                        map("secretRef", map("name", name(environment, "credentials")))),
                "resources", map(
                        "requests", map("cpu", "250m", "memory", "768Mi"),
                        "limits", map("cpu", "2", "memory", "1536Mi")),
                "securityContext", map(
                        "allowPrivilegeEscalation", false,
                        "readOnlyRootFilesystem", true,
                        "capabilities", map("drop", list("ALL"))),
                "volumeMounts", mounts);
        container.putAll(containerExtras);
        return map(
                "restartPolicy", restartPolicy,
                "terminationGracePeriodSeconds", gracePeriod,
                "automountServiceAccountToken", false,
                "securityContext", map("runAsNonRoot", true, "runAsUser", USER, "runAsGroup", USER, "fsGroup", USER,
                        "seccompProfile", map("type", "RuntimeDefault")),
                "containers", list(container),
                "volumes", volumes);
    }
}
