package dev.nightshift.migration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of one data-migration run. Identifying: migration, environment, the parameter values and
 * the run key, so running the same command again continues the same run. Batch size, pause and the
 * confirmation are run-control knobs a restart may change.
 */
final class MigrationRun {

    static final String MIGRATION = "migration";
    static final String ENVIRONMENT = "environment";
    static final String PARAMS = "params";
    static final String RUN_KEY = "runKey";
    static final String BATCH_SIZE = "batchSize";
    static final String PAUSE = "pause";
    static final String CONFIRMED = "confirmedProduction";
    static final String STARTED_BY = "startedBy";
    static final String FILE_SHA256 = "fileSha256";
    static final String DATABASE = "database";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobParameters parameters;

    MigrationRun(JobExecution execution) {
        this.parameters = execution.getJobParameters();
    }

    static JobParameters parameters(MigrationDefinition definition, String environment, Map<String, String> values,
                                    String runKey, Integer batchSize, Duration pause, boolean confirmed, String startedBy) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(MIGRATION, definition.name())
                .addString(ENVIRONMENT, environment)
                .addString(PARAMS, encode(values))
                .addString(RUN_KEY, runKey)
                .addString(CONFIRMED, Boolean.toString(confirmed), false)
                .addString(STARTED_BY, startedBy, false)
                .addString(FILE_SHA256, definition.sha256(), false)
                .addString(DATABASE, definition.database(), false);
        if (batchSize != null) {
            builder.addLong(BATCH_SIZE, batchSize.longValue(), false);
        }
        if (pause != null) {
            builder.addString(PAUSE, pause.toString(), false);
        }
        return builder.toJobParameters();
    }

    String migration() {
        return parameters.getString(MIGRATION);
    }

    String environment() {
        return parameters.getString(ENVIRONMENT);
    }

    Map<String, String> values() {
        return decode(parameters.getString(PARAMS));
    }

    boolean confirmed() {
        return Boolean.parseBoolean(parameters.getString(CONFIRMED, "false"));
    }

    String startedBy() {
        return parameters.getString(STARTED_BY, "unknown");
    }

    String database() {
        return parameters.getString(DATABASE);
    }

    String fileSha256() {
        return parameters.getString(FILE_SHA256);
    }

    Integer batchSize() {
        Long size = parameters.getLong(BATCH_SIZE);
        return size == null ? null : size.intValue();
    }

    Duration pause(Duration fallback) {
        String pause = parameters.getString(PAUSE);
        return pause == null ? fallback : Duration.parse(pause);
    }

    String describe() {
        return environment() + "/" + migration();
    }

    // JSON with sorted keys: stable, so the same values give the same run
    static String encode(Map<String, String> values) {
        return JSON.writeValueAsString(new TreeMap<>(values));
    }

    static Map<String, String> decode(String text) {
        return text == null || text.isEmpty() ? new TreeMap<>()
                : new TreeMap<>(JSON.readValue(text, new TypeReference<Map<String, String>>() { }));
    }
}
