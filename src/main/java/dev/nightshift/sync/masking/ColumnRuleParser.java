package dev.nightshift.sync.masking;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns one {@code {strategy: ..., option: ...}} mapping into a {@link ColumnRule}, json paths included. */
final class ColumnRuleParser {

    private ColumnRuleParser() {
    }

    static ColumnRule parse(Object raw) {
        Map<String, Object> map = YamlMaps.map(raw, "rule");
        if (!map.containsKey("strategy")) {
            throw new MaskingRulesException("no strategy given");
        }
        Object strategy = map.remove("strategy");
        if (strategy == null) {
            // YAML reads a bare null as "no value", which is never what was meant here
            throw new MaskingRulesException("strategy is empty; write strategy: \"null\" (quoted) to mask with SQL NULL");
        }
        Object paths = map.get("paths");
        if ("json".equals(strategy) && paths != null) {
            map.put("paths", paths(paths));
        }
        return new ColumnRule(strategy.toString(), map);
    }

    private static Map<String, ColumnRule> paths(Object raw) {
        Map<String, ColumnRule> rules = new LinkedHashMap<>();
        YamlMaps.map(raw, "paths").forEach((path, rule) -> {
            try {
                rules.put(path, parse(rule));
            } catch (MaskingRulesException e) {
                throw new MaskingRulesException("path " + path + ": " + e.getMessage(), e);
            }
        });
        return rules;
    }
}
