package dev.nightshift.migration;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Reads {@code <directory>/<name>.yml} into a {@link MigrationDefinition}, with one-line errors naming the field. */
public final class MigrationFiles {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Set<String> FIELDS = Set.of("description", "database", "table", "key", "params", "batch", "remaining");
    private static final Set<String> PARAM_FIELDS = Set.of("type", "default", "allowed", "min", "max", "pattern", "description");

    private final Path directory;

    public MigrationFiles(Path directory) {
        this.directory = directory;
    }

    /** Every migration in the directory, by name. */
    public List<MigrationDefinition> all() {
        if (!Files.isDirectory(directory)) {
            throw new MigrationFileException("the migrations directory " + directory.toAbsolutePath() + " does not exist;"
                    + " set nightshift.migration.directory or create it");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted()
                    .map(n -> load(n.substring(0, n.length() - 4))).toList();
        } catch (IOException e) {
            throw new MigrationFileException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    public MigrationDefinition load(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new MigrationFileException("'" + name + "' is not a migration name (letters, digits, _ . -)");
        }
        Path file = directory.resolve(name + ".yml");
        if (!Files.isRegularFile(file)) {
            throw new MigrationFileException("there is no migration '" + name + "': " + file.toAbsolutePath()
                    + " does not exist; see: nightshift migrate-data --list");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrationFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(name, file.toString(), bytes);
    }

    static MigrationDefinition parse(String name, String where, byte[] bytes) {
        Map<String, Object> root = map(yaml(where, bytes), where);
        unknownFields(root, FIELDS, where);
        List<String> tableName = TableName.parse(text(root, "table", where, true), where + ": table");
        Object rawKey = root.get("key");
        List<String> key = rawKey instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : rawKey == null ? List.of() : List.of(String.valueOf(rawKey));
        if (key.isEmpty()) {
            throw new MigrationFileException(where + ": key is missing; name the key column(s), e.g. key: id or key: [tenant_id, id]");
        }
        Map<String, ParameterSpec> params = new LinkedHashMap<>();
        Object rawParams = root.get("params");
        if (rawParams != null) {
            map(rawParams, where + ": params").forEach((param, spec) ->
                    params.put(param, parameter(param, spec, where + ": params." + param)));
        }
        String batch = text(root, "batch", where, true);
        BatchStatement.check(batch, key, params.keySet(), where + ": batch");
        return new MigrationDefinition(name, text(root, "description", where, false),
                text(root, "database", where, true), tableName.get(0), tableName.get(1), key, params, batch,
                text(root, "remaining", where, false), sha256(bytes));
    }

    private static ParameterSpec parameter(String name, Object raw, String where) {
        if (BatchStatement.RESERVED.contains(name)) {
            throw new MigrationFileException(where + ": '" + name + "' is reserved for the key range; rename the parameter");
        }
        Map<String, Object> spec = raw instanceof String type ? Map.of("type", type) : map(raw, where);
        unknownFields(spec, PARAM_FIELDS, where);
        ParameterType type = ParameterType.named(text(spec, "type", where, true), where);
        Object rawAllowed = spec.get("allowed");
        List<String> allowed = rawAllowed instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : rawAllowed == null ? List.of() : List.of(String.valueOf(rawAllowed));
        String pattern = text(spec, "pattern", where, false);
        ParameterSpec result;
        try {
            result = new ParameterSpec(name, type, text(spec, "description", where, false), text(spec, "default", where, false),
                    allowed, decimal(spec, "min", where), decimal(spec, "max", where),
                    pattern == null ? null : Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new MigrationFileException(where + ": pattern is not a regular expression: " + e.getDescription());
        }
        allowed.forEach(a -> type.parse(a, where + ".allowed"));
        if (result.defaultValue() != null) {
            result.value(null, where);
        }
        return result;
    }

    private static Object yaml(String where, byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new MigrationFileException(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static Map<String, Object> map(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new MigrationFileException(where + ": expected a mapping (key: value)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static void unknownFields(Map<String, Object> map, Set<String> known, String where) {
        map.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
            throw new MigrationFileException(where + ": unknown field '" + k + "'; known fields: " + String.join(", ", known.stream().sorted().toList()));
        });
    }

    private static String text(Map<String, Object> map, String field, String where, boolean required) {
        Object value = map.get(field);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw new MigrationFileException(where + ": " + field + " is missing");
            }
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new MigrationFileException(where + ": " + field + " must be a single value");
        }
        return value.toString();
    }

    private static BigDecimal decimal(Map<String, Object> map, String field, String where) {
        String value = text(map, field, where, false);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MigrationFileException(where + ": " + field + " must be a number, was " + value);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
