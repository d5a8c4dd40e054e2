package dev.nightshift.migration.schema;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.EnvironmentProperties;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order between services' schema migrations, from {@code <schema-directory>/dependencies.yml}
 * ({@code user: [auth]}: auth migrates before user). The order is topological and otherwise keeps the order
 * the databases were given in; a cycle or a name no environment knows is a configuration error.
 */
@Component
public class SchemaOrder {

    static final String FILE = "dependencies.yml";

    private final NightshiftProperties properties;

    SchemaOrder(NightshiftProperties properties) {
        this.properties = properties;
    }

    public List<PgTarget> order(List<PgTarget> targets) {
        Path file = properties.migration().schemaDirectory().resolve(FILE);
        if (!Files.exists(file)) {
            return targets;
        }
        Map<String, List<String>> dependencies = read(file);
        requireKnown(file, dependencies);
        requireAcyclic(file, dependencies);
        return sorted(targets, dependencies);
    }

    static List<PgTarget> sorted(List<PgTarget> targets, Map<String, List<String>> dependencies) {
        Set<String> selected = new LinkedHashSet<>();
        targets.forEach(t -> selected.add(t.logicalName()));
        List<PgTarget> remaining = new ArrayList<>(targets);
        List<PgTarget> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (!remaining.isEmpty()) {
            // the first given database whose selected dependencies all ran: stable, and always found without a cycle
            PgTarget next = remaining.stream().filter(t -> dependencies.getOrDefault(t.logicalName(), List.of()).stream()
                    .filter(selected::contains).allMatch(done::contains)).findFirst().orElseThrow();
            remaining.remove(next);
            ordered.add(next);
            done.add(next.logicalName());
        }
        return ordered;
    }

    private void requireKnown(Path file, Map<String, List<String>> dependencies) {
        Set<String> known = new LinkedHashSet<>();
        for (EnvironmentProperties env : properties.environments().values()) {
            known.addAll(env.databases().keySet());
        }
        Set<String> named = new LinkedHashSet<>(dependencies.keySet());
        dependencies.values().forEach(named::addAll);
        for (String name : named) {
            if (!known.contains(name) && !Files.isDirectory(properties.migration().schemaDirectory().resolve(name))) {
                throw new ConfigurationException(file.toAbsolutePath() + " names unknown database '" + name + "': it is no"
                        + " logical database of any environment and has no schema directory; known: " + String.join(", ", known));
            }
        }
    }

    static void requireAcyclic(Path file, Map<String, List<String>> dependencies) {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String name : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            if (cycleFrom(name, dependencies, state, path)) {
                throw new ConfigurationException(file.toAbsolutePath() + " has a dependency cycle: " + String.join(" -> ", path)
                        + "; remove one of these dependencies");
            }
        }
    }

    /** Depth-first search: 1 = on the current path, 2 = finished; on a cycle, {@code path} ends with it. */
    private static boolean cycleFrom(String name, Map<String, List<String>> dependencies, Map<String, Integer> state,
                                     List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return false;
        }
        if (seen != null) {
            path.subList(0, path.indexOf(name)).clear();
            path.add(name);
            return true;
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : dependencies.getOrDefault(name, List.of())) {
            if (cycleFrom(dependency, dependencies, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
        return false;
    }

    private static Map<String, List<String>> read(Path file) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigurationException(file.toAbsolutePath() + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        if (document == null) {
            return dependencies;
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigurationException(file.toAbsolutePath() + " must map each database to the databases it"
                    + " depends on, e.g. 'user: [auth]'");
        }
        map.forEach((key, value) -> {
            List<String> list = new ArrayList<>();
            if (value instanceof List<?> items) {
                items.forEach(item -> list.add(String.valueOf(item)));
            } else if (value != null) {
                throw new ConfigurationException(file.toAbsolutePath() + ": the dependencies of '" + key + "' must be a list,"
                        + " e.g. '" + key + ": [auth]', was " + value);
            }
            dependencies.put(String.valueOf(key), list);
        });
        return dependencies;
    }
}
