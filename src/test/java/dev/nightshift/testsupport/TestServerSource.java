package dev.nightshift.testsupport;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Where the tests' PostgreSQL comes from: a container of the official image when a Docker engine answers
 * (any PostgreSQL version, by {@code NIGHTSHIFT_TEST_POSTGRES_IMAGE}), otherwise a throwaway cluster from
 * the local installation. {@code NIGHTSHIFT_TEST_POSTGRES=auto|local|container} overrides the choice.
 */
public enum TestServerSource {
    LOCAL, CONTAINER;

    public static final String SETTING = "NIGHTSHIFT_TEST_POSTGRES";
    public static final String IMAGE_SETTING = "NIGHTSHIFT_TEST_POSTGRES_IMAGE";
    public static final String DEFAULT_IMAGE = "postgres:15";

    /**
     * @param setting      the value of {@code NIGHTSHIFT_TEST_POSTGRES} (null or blank: auto)
     * @param dockerAnswers asked only when the setting leaves the choice open or asks for a container
     */
    public static TestServerSource choose(String setting, BooleanSupplier dockerAnswers) {
        String mode = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> LOCAL;
            case "container" -> {
                if (!dockerAnswers.getAsBoolean()) {
                    throw new IllegalStateException(SETTING + "=container, but no Docker engine answers: start one, or"
                            + " set " + SETTING + "=local to use the local PostgreSQL installation");
                }
                yield CONTAINER;
            }
            case "auto" -> dockerAnswers.getAsBoolean() ? CONTAINER : LOCAL;
            default -> throw new IllegalStateException(SETTING + " is auto, local or container, not '" + setting + "'");
        };
    }

    static TestServerSource fromEnvironment() {
        return choose(System.getenv(SETTING), TestServerSource::dockerAnswers);
    }

    static String image() {
        String image = System.getenv(IMAGE_SETTING);
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image.strip();
    }

    private static boolean dockerAnswers() {
        String home = System.getProperty("user.home");
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
        if (!configured) {
            return false; // spares every test run Testcontainers' probing (and its error lines) where no engine can be
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
