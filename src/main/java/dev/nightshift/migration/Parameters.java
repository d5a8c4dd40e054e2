package dev.nightshift.migration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Turns {@code --param key=value} strings into the typed values a migration declares, refusing anything off. */
final class Parameters {

    private Parameters() {
    }

    /** The text of every declared parameter, defaults filled in; unknown names and bad values are refused. */
    static Map<String, String> complete(MigrationDefinition definition, Map<String, String> given) {
        given.keySet().stream().filter(k -> !definition.params().containsKey(k)).findFirst().ifPresent(k -> {
            throw new MigrationFileException("migration '" + definition.name() + "' has no parameter '" + k + "'; its parameters: "
                    + (definition.params().isEmpty() ? "(none)" : String.join(", ", definition.params().keySet())));
        });
        Map<String, String> values = new TreeMap<>();
        definition.params().forEach((name, spec) -> {
            spec.value(given.get(name), definition.name());
            values.put(name, given.getOrDefault(name, spec.defaultValue()));
        });
        return values;
    }

    /** The typed values to bind, from texts {@link #complete} accepted. */
    static Map<String, Object> resolve(MigrationDefinition definition, Map<String, String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        definition.params().forEach((name, spec) -> values.put(name, spec.value(texts.get(name), definition.name())));
        return values;
    }
}
