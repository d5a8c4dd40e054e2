package dev.nightshift.schedule;

import dev.nightshift.config.ConfigurationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.nightshift.schedule.YamlDocument.map;

/**
 * The jobs/ folder (schedules, masking rules, migrations) as one ConfigMap. ConfigMap keys cannot hold a
 * '/', so {@code masking/auth.yml} is stored under {@code masking__auth.yml} and mounted back at its path.
 */
final class JobsFolder {

    private JobsFolder() {
    }

    /** Relative path (with '/') to content, sorted, so the rendered ConfigMap does not change by itself. */
    static Map<String, String> read(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                files.put(relative, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        if (files.isEmpty()) {
            throw new ConfigurationException(directory + " holds no files; it should hold schedules.yml");
        }
        return files;
    }

    static Map<String, Object> data(Map<String, String> files) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        files.forEach((path, text) -> data.put(key(path), text));
        return data;
    }

    static List<Object> items(Map<String, String> files) {
        List<Object> items = new ArrayList<>();
        files.keySet().forEach(path -> items.add(map("key", key(path), "path", path)));
        return items;
    }

    private static String key(String path) {
        String key = path.replace("/", "__");
        if (!key.matches("[-._a-zA-Z0-9]+")) {
            throw new ConfigurationException("jobs/" + path + " cannot go into a Kubernetes ConfigMap: use only letters,"
                    + " digits, '-', '_' and '.' in file names");
        }
        return key;
    }
}
