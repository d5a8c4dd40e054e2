package dev.nightshift.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The start of the command line of a separate Nightshift JVM (tests that kill or stop one). Most of such a
 * JVM's start-up is loading and verifying the classes of Spring and its friends, so the first spawn records
 * them in an AppCDS archive and every spawn maps it: about a second and a half less per spawn on two cores.
 * CDS archives classes from jars only, so the test classpath's class directories are jarred. Jars and archive
 * are kept under target/spawn-cds until the classpath changes (the archive is only valid with the very jars
 * it was recorded from). When the archive cannot be made, spawns run as before, without it.
 */
final class SpawnedJvm {

    private static final String MAIN = "dev.nightshift.NightshiftApplication";
    /** Archives and jars, kept between runs of the tests while the classpath stays the same. */
    private static final Path CACHE = Path.of("target", "spawn-cds").toAbsolutePath();
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
            Files.createDirectories(CACHE);
            // the other test JVM of the build may be preparing the same archive: one records it, both use it
            try (FileChannel channel = FileChannel.open(CACHE.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
                Path dir = CACHE.resolve(key(entries));
                Path ready = dir.resolve("ready");
                if (!Files.exists(ready)) {
                    removeOlderArchives();
                    Files.createDirectories(dir);
                    String classpath = jarredClasspath(entries, dir);
                    boolean archived = record(base(), classpath, dir.resolve("nightshift.jsa"));
                    Files.writeString(ready, (archived ? "archive" : "none") + "\n" + classpath);
                }
                List<String> lines = Files.readAllLines(ready);
                List<String> command = base();
                if (lines.get(0).equals("archive")) {
                    command.add("-XX:SharedArchiveFile=" + dir.resolve("nightshift.jsa"));
                    command.add("-Xlog:cds=off,cds+dynamic=off");
                }
                command.addAll(List.of("-cp", lines.get(1), MAIN));
                return List.copyOf(command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the archive depends on: the JVM, and every classpath entry as it is now (a class directory by its
     * files' names, sizes and times), so a recompiled class or another dependency records a new archive.
     */
    private static String key(String[] entries) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder text = new StringBuilder(System.getProperty("java.home") + System.getProperty("java.vm.version"));
        for (String entry : entries) {
            Path path = Path.of(entry);
            text.append('\n').append(entry);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        text.append('\n').append(path.relativize(file)).append(' ').append(Files.size(file))
                                .append(' ').append(Files.getLastModifiedTime(file).toMillis());
                    }
                }
            } else if (Files.exists(path)) {
                text.append(' ').append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
            }
        }
        return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static void removeOlderArchives() throws IOException {
        try (Stream<Path> old = Files.list(CACHE)) {
            for (Path dir : (Iterable<Path>) old.filter(Files::isDirectory)::iterator) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static List<String> base() {
        // a one-shot command, as scripts/nightshift runs it: C1 only, one GC thread (start-up dominates)
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    /** The test classpath with every class directory replaced by a jar of it. */
    private static String jarredClasspath(String[] classpath, Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : classpath) {
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
