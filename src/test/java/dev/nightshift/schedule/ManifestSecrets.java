package dev.nightshift.schedule;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which Secrets rendered manifests reach, for the checks that keep production's secrets out of other namespaces. */
final class ManifestSecrets {

    private ManifestSecrets() {
    }

    /**
     * Everything in {@code env}'s manifests that belongs elsewhere: a Secret other than the environment's
     * credentials (the salt's included), a salt variable or mount, or a mention of prod outside the jobs/
     * ConfigMap (which carries the whole schedule file and the masking rules, neither of them secret).
     */
    static List<String> foreignSecrets(String env, Map<String, String> files) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (!env.equals("prod") && !name.equals("base/configmap-jobs.yaml") && file.getValue().contains("prod")) {
                found.add(name + " names prod");
            }
            if (!name.equals("base/configmap-jobs.yaml") && file.getValue().toLowerCase().contains("salt")) {
                found.add(name + " mentions a salt");
            }
            if (name.endsWith("kustomization.yaml")) {
                continue;
            }
            PodSpec pod = podSpec(StrictKubernetesModel.read(file.getValue(), name));
            if (pod == null) {
                continue;
            }
            for (String secret : secretVolumes(pod)) {
                found.add(name + " mounts Secret " + secret);
            }
            for (Container container : pod.getContainers()) {
                container.getEnvFrom().stream().filter(f -> f.getSecretRef() != null)
                        .map(f -> f.getSecretRef().getName())
                        .filter(s -> !s.equals("nightshift-" + env + "-credentials"))
                        .forEach(s -> found.add(name + " reads Secret " + s));
                container.getEnv().forEach(v -> {
                    if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                        found.add(name + " reads Secret " + v.getValueFrom().getSecretKeyRef().getName());
                    }
                    if (v.getName().toUpperCase().contains("SALT")) {
                        found.add(name + " sets " + v.getName());
                    }
                });
            }
        }
        return found;
    }

    static List<String> secretVolumes(PodSpec pod) {
        List<String> secrets = new ArrayList<>();
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                secrets.add(volume.getSecret().getSecretName());
            }
            if (volume.getProjected() != null) {
                volume.getProjected().getSources().stream().filter(s -> s.getSecret() != null)
                        .forEach(s -> secrets.add(s.getSecret().getName()));
            }
        }
        return secrets;
    }

    static PodSpec podSpec(HasMetadata resource) {
        if (resource instanceof CronJob c) {
            return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        }
        if (resource instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (resource instanceof Job j) {
            return j.getSpec().getTemplate().getSpec();
        }
        return null;
    }
}
