package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes rendered files into a directory and removes files an earlier render wrote that this one did not
 * (a deleted schedule's CronJob). Only files that start with the generated header are ever replaced or
 * removed, so a wrong --out cannot wipe someone's directory.
 */
public final class RenderedFiles {

    private RenderedFiles() {
    }

    /** @return how many files were removed */
    public static int write(Path directory, Map<String, String> files) {
        try {
            int removed = 0;
            if (Files.isDirectory(directory)) {
                try (Stream<Path> walk = Files.walk(directory)) {
                    for (Path existing : walk.filter(Files::isRegularFile).toList()) {
                        String relative = directory.relativize(existing).toString().replace('\\', '/');
                        if (!files.containsKey(relative) && generated(existing)) {
                            Files.delete(existing);
                            removed++;
                        }
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                if (Files.exists(target) && !generated(target)) {
                    throw new ConfigurationException(target + " exists and was not written by nightshift render;"
                            + " move it away or choose another --out directory");
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + directory, e);
        }
    }

    private static boolean generated(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().map(l -> l.contains(KubernetesRenderer.GENERATED)).orElse(false);
        } catch (java.io.UncheckedIOException e) {
            return false;   // not text
        }
    }
}
