package dev.nightshift.schedule;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masked sync runs as an export in production's namespace and an import in staging's: the committed
 * manifests give the salt and the snapshot volume (read-write) to production's exporting pods only, and
 * staging's pods hold neither production's credentials nor the salt, and mount the snapshots read-only.
 */
class SnapshotSyncManifestsTest {

    static final String SNAPSHOTS = "/var/lib/nightshift-snapshots";

    final Schedules schedules = SchedulesLoader.load(RenderedManifestsTest.SCHEDULES);

    @Test
    void stagingManifestsHoldNeitherProductionCredentialsNorTheSalt() throws IOException {
        // given the committed manifests of staging's namespace
        Map<String, String> staging = RenderedManifestsTest.filesUnder(Path.of("k8s/staging"));

        // then no pod references a Secret but staging's own credentials, no salt and nothing of prod's
        assertThat(staging).containsKey("cronjob-sync-import.yaml");
        assertThat(ManifestSecrets.foreignSecrets("staging", staging)).isEmpty();
    }

    @Test
    void theCheckFindsTheSaltWhenStagingRunsTheOneProcessSync(@TempDir Path dir) throws IOException {
        // given staging's schedule with the one-process sync back in it (what it had before the split)
        Path file = Files.writeString(dir.resolve("schedules.yml"), Files.readString(RenderedManifestsTest.SCHEDULES)
                .replace("args: [sync, import, --env, staging]", "args: [sync, --from, prod, --to, staging]"));

        // when staging's manifests are rendered from it
        Map<String, String> rendered = new KubernetesRenderer(SchedulesLoader.load(file), Path.of("jobs")).render("staging");

        // then the check used above reports the salt in the sync's CronJob and in the scheduler's Deployment
        assertThat(ManifestSecrets.foreignSecrets("staging", rendered))
                .anyMatch(f -> f.startsWith("cronjob-sync-import.yaml") && f.contains("nightshift-staging-masking-salt"))
                .anyMatch(f -> f.startsWith("scheduler/deployment.yaml") && f.contains("NIGHTSHIFT_SYNC_SALTFILE"))
                .anyMatch(f -> f.startsWith("cronjob-sync-import.yaml") && f.contains("names prod"));
    }

    @Test
    void prodsExportHasTheSaltAndWritesTheSnapshotVolume() throws IOException {
        // given prod's export CronJob
        PodSpec pod = cronJobPod("prod", "sync-export");
        Container container = pod.getContainers().get(0);

        // then the salt is a mounted file of prod's salt Secret, named by the setting the sync reads
        assertThat(ManifestSecrets.secretVolumes(pod)).containsExactly("nightshift-prod-masking-salt");
        VolumeMount salt = mount(container, "masking-salt");
        assertThat(salt.getReadOnly()).isTrue();
        assertThat(container.getEnv()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("NIGHTSHIFT_SYNC_SALTFILE");
            assertThat(v.getValue()).isEqualTo(salt.getMountPath() + "/salt");
        });
        assertThat(container.getArgs()).containsSequence("sync", "export", "--env", "prod");

        // and the snapshot volume is prod's ReadWriteMany claim, mounted read-write where the settings point
        VolumeMount snapshots = mount(container, "snapshots");
        assertThat(snapshots.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        assertThat(snapshots.getMountPath()).isEqualTo(SNAPSHOTS);
        assertThat(claim(pod, "snapshots").getClaimName()).isEqualTo("nightshift-prod-snapshots");
        assertThat(claim(pod, "snapshots").getReadOnly()).isNotEqualTo(Boolean.TRUE);
        assertThat(accessModes("prod")).containsExactly("ReadWriteMany");
        assertThat(snapshotDirectorySetting("prod")).isEqualTo(SNAPSHOTS);
    }

    @Test
    void stagingsImportMountsTheSnapshotsReadOnlyAndHasNoSalt() throws IOException {
        // given staging's import CronJob
        PodSpec pod = cronJobPod("staging", "sync-import");
        Container container = pod.getContainers().get(0);

        // then it runs the import with staging's credentials only
        assertThat(container.getArgs()).containsSequence("sync", "import", "--env", "staging");
        assertThat(ManifestSecrets.secretVolumes(pod)).isEmpty();
        assertThat(container.getEnvFrom()).extracting(f -> f.getSecretRef() == null ? null : f.getSecretRef().getName())
                .containsOnly(null, "nightshift-staging-credentials");

        // and the snapshots are mounted read-only, both the mount and the claim, where the settings point
        VolumeMount snapshots = mount(container, "snapshots");
        assertThat(snapshots.getReadOnly()).isTrue();
        assertThat(snapshots.getMountPath()).isEqualTo(SNAPSHOTS);
        assertThat(claim(pod, "snapshots").getClaimName()).isEqualTo("nightshift-staging-snapshots");
        assertThat(claim(pod, "snapshots").getReadOnly()).isTrue();
        assertThat(accessModes("staging")).containsExactly("ReadOnlyMany");
        assertThat(snapshotDirectorySetting("staging")).isEqualTo(SNAPSHOTS);
    }

    @Test
    void onlyPodsThatMaskGetTheSaltAndOnlySyncPodsTheSnapshots() throws IOException {
        // prod: every CronJob but the export runs without the salt and without the snapshot volume
        for (ScheduleEntry entry : schedules.environment("prod").entries()) {
            if (entry.name().equals("sync-export")) {
                continue;
            }
            PodSpec pod = cronJobPod("prod", entry.name());
            assertThat(ManifestSecrets.secretVolumes(pod)).as(entry.id()).isEmpty();
            assertThat(pod.getVolumes()).as(entry.id()).extracting(Volume::getName).doesNotContain("snapshots");
        }
        // the scheduler mode runs the export in its own pods, so prod's Deployment needs both
        PodSpec scheduler = deploymentPod("prod");
        assertThat(ManifestSecrets.secretVolumes(scheduler)).containsExactly("nightshift-prod-masking-salt");
        assertThat(mount(scheduler.getContainers().get(0), "snapshots").getReadOnly()).isNotEqualTo(Boolean.TRUE);
        // staging's scheduler imports only: read-only snapshots, no salt
        assertThat(mount(deploymentPod("staging").getContainers().get(0), "snapshots").getReadOnly()).isTrue();
        // dev schedules no sync: no snapshot claim, no salt
        Map<String, String> dev = RenderedManifestsTest.filesUnder(Path.of("k8s/dev"));
        assertThat(dev).doesNotContainKey("base/pvc-snapshots.yaml");
        assertThat(ManifestSecrets.foreignSecrets("dev", dev)).isEmpty();
    }

    @Test
    void aOneOffSyncJobGetsWhatItsCommandNeeds() throws IOException {
        KubernetesRenderer renderer = new KubernetesRenderer(schedules, Path.of("jobs"));

        // an export rendered as a one-off Job (render job) gets the salt and writes the snapshots
        PodSpec export = ((Job) StrictKubernetesModel.read(renderer.oneOffJob("prod", "export",
                List.of("sync", "export", "--env", "prod")), "export job")).getSpec().getTemplate().getSpec();
        assertThat(ManifestSecrets.secretVolumes(export)).containsExactly("nightshift-prod-masking-salt");
        assertThat(mount(export.getContainers().get(0), "snapshots").getReadOnly()).isNotEqualTo(Boolean.TRUE);

        // an import into dev (which schedules none) reads them read-only, without salt, where dev's settings point
        Map<String, String> rendered = Map.of("job.yaml", renderer.oneOffJob("dev", "import",
                List.of("sync", "import", "--env", "dev", "--database", "auth")));
        PodSpec load = ((Job) StrictKubernetesModel.read(rendered.get("job.yaml"), "import job")).getSpec().getTemplate().getSpec();
        assertThat(ManifestSecrets.foreignSecrets("dev", rendered)).isEmpty();
        VolumeMount snapshots = mount(load.getContainers().get(0), "snapshots");
        assertThat(snapshots.getReadOnly()).isTrue();
        assertThat(snapshots.getMountPath()).isEqualTo(snapshotDirectorySetting("dev"));
    }

    @Test
    void crontabsRunTheExportOnProdsHostAndTheImportOnStagings() throws IOException {
        String prod = Files.readString(Path.of("cron/prod.crontab"));
        String staging = Files.readString(Path.of("cron/staging.crontab"));
        assertThat(prod).contains(" sync export --env prod --run-key ").contains("needs the masking salt");
        assertThat(staging).contains(" sync import --env staging --run-key ")
                .doesNotContain("sync export").doesNotContain("--from prod").doesNotContain("needs the masking salt");
    }

    private static VolumeMount mount(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume + " in " + container.getVolumeMounts()));
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource claim(PodSpec pod, String volume) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(volume)).findFirst()
                .map(Volume::getPersistentVolumeClaim).orElseThrow();
    }

    private static PodSpec cronJobPod(String env, String entry) throws IOException {
        return ManifestSecrets.podSpec(StrictKubernetesModel.read(Path.of("k8s", env, "cronjob-" + entry + ".yaml")));
    }

    private static PodSpec deploymentPod(String env) throws IOException {
        return ManifestSecrets.podSpec(StrictKubernetesModel.read(Path.of("k8s", env, "scheduler/deployment.yaml")));
    }

    private static List<String> accessModes(String env) throws IOException {
        return ((PersistentVolumeClaim) StrictKubernetesModel.read(Path.of("k8s", env, "base/pvc-snapshots.yaml")))
                .getSpec().getAccessModes();
    }

    @SuppressWarnings("unchecked")
    private static String snapshotDirectorySetting(String env) throws IOException {
        var map = (io.fabric8.kubernetes.api.model.ConfigMap) StrictKubernetesModel.read(Path.of("k8s", env, "base/configmap-config.yaml"));
        Map<String, Object> settings = new Yaml().load(map.getData().get("nightshift.yml"));
        Map<String, Object> sync = (Map<String, Object>) ((Map<String, Object>) settings.get("nightshift")).get("sync");
        return (String) sync.get("snapshot-directory");
    }
}
