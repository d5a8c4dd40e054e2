package dev.nightshift.schedule;

import dev.nightshift.config.NightshiftProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered pods, docker-compose.yml and the Dockerfile configure environments and schedules only through
 * NIGHTSHIFT_* variables (ConfigMap and Secret as envFrom): they must bind to nightshift.* as documented.
 */
class EnvironmentVariableSettingsTest {

    @Test
    void environmentsDatabasesAndScheduleSettingsBindFromVariables() {
        // given the variables a Secret and a ConfigMap give the pod
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "NIGHTSHIFT_ENVIRONMENTS_PROD_HOST", "prod-db",
                "NIGHTSHIFT_ENVIRONMENTS_PROD_USERNAME", "backup",
                "NIGHTSHIFT_ENVIRONMENTS_PROD_PASSWORD", "secret-from-secret",
                "NIGHTSHIFT_ENVIRONMENTS_PROD_PROTECTED", "true",
                "NIGHTSHIFT_ENVIRONMENTS_PROD_DATABASES_AUTH", "girok_user",
                "NIGHTSHIFT_SCHEDULE_FILE", "/etc/nightshift/jobs/schedules.yml",
                "NIGHTSHIFT_SCHEDULE_MISFIRE_GRACE", "5m",
                "NIGHTSHIFT_SCHEDULE_PUSHGATEWAY_URL", "http://pushgateway:9091")));

        // when Nightshift binds its settings
        NightshiftProperties properties = new Binder(ConfigurationPropertySources.from(sources))
                .bind("nightshift", NightshiftProperties.class).get();

        // then they arrive where the code reads them
        var prod = properties.environments().get("prod");
        assertThat(prod.host()).isEqualTo("prod-db");
        assertThat(prod.protectedEnvironment()).isTrue();
        assertThat(prod.databases()).containsEntry("auth", "girok_user");
        assertThat(properties.schedule().file()).hasToString("/etc/nightshift/jobs/schedules.yml");
        assertThat(properties.schedule().misfireGrace()).hasMinutes(5);
        assertThat(properties.schedule().pushgatewayUrl()).isEqualTo("http://pushgateway:9091");
    }

    @Test
    void theSaltFileVariableOfTheExportPodBindsToTheSyncsSaltFile() throws java.io.IOException {
        // given the variables prod's rendered export CronJob sets (the salt as a mounted file)
        var cronJob = (io.fabric8.kubernetes.api.model.batch.v1.CronJob) StrictKubernetesModel.read(
                java.nio.file.Path.of("k8s/prod/cronjob-sync-export.yaml"));
        Map<String, Object> variables = new java.util.HashMap<>();
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(v -> v.getValue() != null).forEach(v -> variables.put(v.getName(), v.getValue()));
        assertThat(variables).containsKey("NIGHTSHIFT_SYNC_SALTFILE");
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));

        // when Nightshift binds its settings
        NightshiftProperties properties = new Binder(ConfigurationPropertySources.from(sources))
                .bind("nightshift", NightshiftProperties.class).get();

        // then the sync reads the salt from the mounted Secret's file
        assertThat(properties.sync().saltFile()).hasToString("/etc/nightshift/masking-salt/salt");
    }
}
