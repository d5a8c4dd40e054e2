package dev.nightshift.sync.masking;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code jobs/masking/<logical-db>.yml}. Every rule is checked by building its strategy once, so a
 * file that loads is a file whose every column can be masked; nothing is discovered mid-sync.
 */
public final class MaskingRulesLoader {

    private static final Set<String> TABLE_KEYS = Set.of("columns", "keep", "keep-all", "skip-data", "filter");
    /** Only for the trial build; the real salt is a secret that never goes near the rules file. */
    private static final byte[] VALIDATION_SALT = {1};

    private MaskingRulesLoader() {
    }

    public static MaskingRules load(Path file) {
        Map<String, Object> root = YamlMaps.map(read(file), file + ": top level");
        Object tables = root.get("tables");
        if (tables == null) {
            throw new MaskingRulesException(file + ": no 'tables' section");
        }
        Map<String, TableRules> result = new LinkedHashMap<>();
        YamlMaps.map(tables, file + ": tables").forEach((table, raw) ->
                result.put(table, table(file + ": table " + table, raw)));
        return new MaskingRules(result);
    }

    private static Object read(Path file) {
        LoaderOptions options = new LoaderOptions();
        // a repeated column key would silently drop one of its rules
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(options)).load(reader);
        } catch (MarkedYAMLException e) {
            throw new MaskingRulesException(file + ": not valid YAML: " + e.getProblem() + " at line "
                    + (e.getProblemMark().getLine() + 1), e);
        } catch (YAMLException e) {
            throw new MaskingRulesException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new MaskingRulesException(file + ": cannot read (" + e + ")", e);
        }
    }

    private static TableRules table(String where, Object raw) {
        Map<String, Object> map = YamlMaps.map(raw, where);
        for (String key : map.keySet()) {
            if (!TABLE_KEYS.contains(key)) {
                throw new MaskingRulesException(where + ": unknown key '" + key + "' (known: " + String.join(", ",
                        List.of("columns", "keep", "keep-all", "skip-data", "filter")) + ")");
            }
        }
        if (map.isEmpty()) {
            throw new MaskingRulesException(where + ": no rules; say columns, keep, keep-all or skip-data");
        }
        boolean skipData = YamlMaps.flag(map, "skip-data", where);
        boolean keepAll = YamlMaps.flag(map, "keep-all", where);
        if (skipData) {
            map.keySet().stream().filter(k -> !k.equals("skip-data")).findFirst().ifPresent(k -> {
                throw new MaskingRulesException(where + ": skip-data copies no rows, so '" + k + "' cannot be used with it");
            });
        }
        Map<String, ColumnRule> masked = columns(where, map.get("columns"));
        if (keepAll && !masked.isEmpty()) {
            throw new MaskingRulesException(where + ": keep-all copies every column unmasked, so 'columns' cannot be used with it");
        }
        Set<String> kept = kept(where, map.get("keep"));
        for (String column : kept) {
            if (masked.containsKey(column)) {
                throw new MaskingRulesException(where + ", column " + column + ": both masked and kept");
            }
        }
        Object filter = map.get("filter");
        return new TableRules(masked, kept, keepAll, skipData, filter == null ? null : filter.toString());
    }

    private static Map<String, ColumnRule> columns(String where, Object raw) {
        Map<String, ColumnRule> masked = new LinkedHashMap<>();
        if (raw == null) {
            return masked;
        }
        YamlMaps.map(raw, where + ": columns").forEach((column, rawRule) -> {
            String at = where + ", column " + column;
            try {
                ColumnRule rule = ColumnRuleParser.parse(rawRule);
                MaskingStrategies.create(rule, VALIDATION_SALT);
                masked.put(column, rule);
            } catch (MaskingRulesException e) {
                throw new MaskingRulesException(at + ": " + e.getMessage(), e);
            }
        });
        return masked;
    }

    private static Set<String> kept(String where, Object raw) {
        Set<String> kept = new LinkedHashSet<>();
        if (raw == null) {
            return kept;
        }
        if (!(raw instanceof List<?> list)) {
            throw new MaskingRulesException(where + ": keep must be a list of column names, like [id, status]");
        }
        list.forEach(column -> kept.add(String.valueOf(column)));
        return kept;
    }
}
