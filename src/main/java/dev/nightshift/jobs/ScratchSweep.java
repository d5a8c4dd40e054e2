package dev.nightshift.jobs;

import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before every job: drops the scratch databases left by dead jobs on the servers it works on (those of its
 * environment parameters) and on the server restore verifications use. A scratch database may hold a full
 * copy of production; a killed job must not leave it there until someone notices.
 * Registered on every job by {@link JobListenerRegistrar}.
 */
@Component
class ScratchSweep implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ScratchSweep.class);
    private static final String[] ENVIRONMENT_PARAMETERS = {"environment", "from"};

    private final Targets targets;
    private final NightshiftProperties properties;
    private final JobLiveness liveness;

    ScratchSweep(Targets targets, NightshiftProperties properties, JobLiveness liveness) {
        this.targets = targets;
        this.properties = properties;
        this.liveness = liveness;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        Map<String, PgTarget> servers = new LinkedHashMap<>();
        for (String parameter : ENVIRONMENT_PARAMETERS) {
            addServer(servers, execution.getJobParameters().getString(parameter));
        }
        addServer(servers, properties.backup() == null ? null : properties.backup().verifyEnvironment());
        for (PgTarget server : servers.values()) {
            try {
                ScratchDatabases.sweep(server, liveness);
            } catch (Exception e) {
                log.warn("could not look for scratch databases left by dead jobs on {}:{}: {}", server.host(),
                        server.port(), e.getMessage());
            }
        }
    }

    private void addServer(Map<String, PgTarget> servers, String environment) {
        if (environment == null || environment.isBlank() || !targets.environments().containsKey(environment)) {
            return;
        }
        try {
            PgTarget server = targets.server(environment);
            servers.putIfAbsent(server.host() + ":" + server.port(), server);
        } catch (RuntimeException e) {
            // no credentials for it here: the job itself will say so if it needs them
        }
    }
}
