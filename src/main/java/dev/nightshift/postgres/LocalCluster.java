package dev.nightshift.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL cluster made with the local installation's initdb: for the demo and the test
 * suite, never for real data. initdb refuses to run as root, so as root the cluster belongs to an
 * unprivileged account (postgres, else nobody) and its programs run through runuser.
 */
public final class LocalCluster {

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final String superuser;
    private final String password;
    private final String runAs;
    private final List<String> settings;

    private LocalCluster(Path binDir, Path dataDir, int port, String superuser, String password, String runAs,
                         List<String> settings) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.superuser = superuser;
        this.password = password;
        this.runAs = runAs;
        this.settings = settings;
    }

    /**
     * Creates (when {@code dataDir} holds no cluster yet) and starts a cluster listening on 127.0.0.1 only,
     * with password authentication over TCP.
     */
    public static LocalCluster start(Path dataDir, String superuser, String password) throws IOException {
        return start(dataDir, superuser, password, List.of());
    }

    /**
     * The same, with extra server settings ({@code name=value}, each passed as {@code -c}), for a cluster that
     * needs, say, {@code shared_preload_libraries=pg_stat_statements}.
     */
    public static LocalCluster start(Path dataDir, String superuser, String password, List<String> settings)
            throws IOException {
        Path binDir = PostgresInstallation.newestBinDirWith("initdb")
                .orElseThrow(() -> new IOException("no PostgreSQL server installation found (initdb is missing);"
                        + " install it with: apt-get install postgresql"));
        return start(binDir, dataDir, superuser, password, settings);
    }

    /** The same with the server programs of {@code binDir}: another PostgreSQL version than the newest installed. */
    public static LocalCluster start(Path binDir, Path dataDir, String superuser, String password, List<String> settings)
            throws IOException {
        String runAs = isRoot() ? unprivilegedAccount() : null;
        LocalCluster cluster = new LocalCluster(binDir, dataDir, freePort(), superuser, password, runAs, List.copyOf(settings));
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            cluster.initdb();
        }
        cluster.run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o", cluster.serverOptions(), "start"));
        return cluster;
    }

    /** Stops a cluster started earlier (by another process) from {@code dataDir}, if it runs. */
    public static void stopExisting(Path dataDir) throws IOException {
        Path binDir = PostgresInstallation.newestBinDirWith("pg_ctl")
                .orElseThrow(() -> new IOException("no PostgreSQL installation found (pg_ctl is missing)"));
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            new LocalCluster(binDir, dataDir, 0, null, null, isRoot() ? unprivilegedAccount() : null, List.of()).stop(false);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String superuser() {
        return superuser;
    }

    public String password() {
        return password;
    }

    public Path binDir() {
        return binDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /**
     * {@code pg_ctl restart -m fast}, as a minor upgrade or an operator would: open sessions are terminated, the
     * server comes back on the same port.
     */
    public void restartFast() throws IOException {
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o", serverOptions(), "restart"));
    }

    /** Stops the server at once; the data directory stays unless {@code deleteData}. */
    public void stop(boolean deleteData) {
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException e) {
            // already stopped
        }
        if (deleteData) {
            deleteRecursively(dataDir);
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Path pwfile = Files.createTempFile("nightshift-pw", ".txt");
        try {
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            if (runAs != null) {
                chown(dataDir, runAs);
                chown(pwfile, runAs);
            }
            run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", superuser,
                    "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private String serverOptions() {
        // Durability is worthless for a throwaway cluster; speed is not.
        return "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
                + settings.stream().map(setting -> " -c " + setting).collect(java.util.stream.Collectors.joining());
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue()
                    + "): " + output.strip());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedAccount() throws IOException {
        for (String candidate : List.of("postgres", "nobody")) {
            if (Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(candidate + ":"))) {
                return candidate;
            }
        }
        throw new IOException("running as root and no unprivileged account (postgres or nobody) to run initdb as");
    }

    private static void chown(Path path, String owner) throws IOException {
        Process process = new ProcessBuilder("chown", "-R", owner, path.toString()).inheritIO().start();
        try {
            if (process.waitFor() != 0) {
                throw new IOException("chown " + owner + " " + path + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
