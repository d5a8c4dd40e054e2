package dev.nightshift.testsupport;

import dev.nightshift.postgres.LocalCluster;
import dev.nightshift.postgres.PostgresInstallation;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One started test server, local or in a container: how to reach it and where the client programs are. */
record TestServer(String host, int port, String superuser, String password, Path binDir, Runnable stop) {

    static final String SUPERUSER = "nightshift_test";

    static TestServer start(TestServerSource source, String password, List<String> settings) {
        return source == TestServerSource.CONTAINER ? container(password, settings) : local(password, settings);
    }

    private static TestServer local(String password, List<String> settings) {
        try {
            Path dataDir = Files.createTempDirectory("nightshift-test-pg");
            LocalCluster cluster = LocalCluster.start(dataDir, SUPERUSER, password, settings);
            return new TestServer(cluster.host(), cluster.port(), cluster.superuser(), cluster.password(), cluster.binDir(),
                    () -> cluster.stop(true));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static TestServer container(String password, List<String> settings) {
        List<String> command = new ArrayList<>(List.of("postgres", "-c", "fsync=off"));
        settings.forEach(s -> command.addAll(List.of("-c", s)));
        PostgreSQLContainer container = new PostgreSQLContainer(TestServerSource.image())
                .withUsername(SUPERUSER).withPassword(password).withDatabaseName("postgres")
                .withCommand(command.toArray(String[]::new));
        container.start();
        Path binDir = PostgresInstallation.newestBinDirWith("pg_dump").orElseThrow(() -> new IllegalStateException(
                "the container runs the server, but the client programs (pg_dump, pg_restore, psql) must be installed"
                        + " locally, at least the image's major version"));
        return new TestServer(container.getHost(), container.getMappedPort(5432), SUPERUSER, password, binDir, container::stop);
    }
}
