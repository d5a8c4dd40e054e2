package dev.nightshift.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The start of the command line of a separate Nightshift JVM (tests that kill or stop one). Most of such a
 * JVM's start-up is loading and verifying the classes of Spring and its friends, so the first spawn of a test
 * JVM records them in an AppCDS archive and every spawn maps it: about a second and a half less per spawn on
 * two cores. CDS archives classes from jars only, so the test classpath's class directories are jarred once.
 * When the archive cannot be made, spawns run as before, without it.
 */
final class SpawnedJvm {

    private static final String MAIN = "dev.nightshift.NightshiftApplication";
    private static List<String> prefix;

    private SpawnedJvm() {
    }

    /** {@code java <options> -cp <classpath> dev.nightshift.NightshiftApplication}: add the arguments. */
    static synchronized List<String> command() {
        if (prefix == null) {
            prefix = prepare();
        }
        return prefix;
    }

    private static List<String> prepare() {
        try {
            Path dir = Files.createTempDirectory("nightshift-spawn");
            String classpath = jarredClasspath(dir);
            Path archive = dir.resolve("nightshift.jsa");
            List<String> base = base();
            if (record(base, classpath, archive)) {
                base.add("-XX:SharedArchiveFile=" + archive);
                base.add("-Xlog:cds=off,cds+dynamic=off");
            }
            base.addAll(List.of("-cp", classpath, MAIN));
            return List.copyOf(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> base() {
        // a one-shot command, as scripts/nightshift runs it: C1 only, one GC thread (start-up dominates)
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    /** The test classpath with every class directory replaced by a jar of it. */
    private static String jarredClasspath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("classes-" + n++ + ".jar");
                jar(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void jar(Path directory, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * Runs a command that starts Spring and reads the ops database (a fresh copy of the template) with
     * {@code -XX:ArchiveClassesAtExit}, which writes the archive when that JVM exits.
     */
    private static boolean record(List<String> base, String classpath, Path archive) throws IOException {
        TestPostgres pg = TestPostgres.get();
        String ops = OpsTemplate.copy(pg);
        Path home = Files.createTempDirectory("nightshift-spawn-training");
        try {
            Path config = Files.writeString(home.resolve("nightshift.yml"), "nightshift:\n"
                    + "  ops-database: {url: \"" + pg.jdbcUrl(ops) + "\", username: " + pg.user()
                    + ", password: \"" + pg.password() + "\"}\n"
                    + "  backup:\n    directory: " + home.resolve("backups") + "\n");
            List<String> command = new ArrayList<>(base);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable",
                    "-cp", classpath, MAIN, "--config", config.toString(), "jobs", "list"));
            Process training = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("training.log").toFile()).start();
            if (!training.waitFor(120, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                return false;
            }
            return training.exitValue() == 0 && Files.isRegularFile(archive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            pg.dropDatabase(ops);
        }
    }
}
