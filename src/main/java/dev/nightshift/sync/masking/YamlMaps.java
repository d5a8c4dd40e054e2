package dev.nightshift.sync.masking;

import java.util.LinkedHashMap;
import java.util.Map;

/** Type checks on what SnakeYAML hands back, so a wrongly shaped file fails with a message, not a ClassCastException. */
final class YamlMaps {

    private YamlMaps() {
    }

    static Map<String, Object> map(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new MaskingRulesException(where + ": expected a mapping (key: value), found "
                    + (raw == null ? "nothing" : describe(raw)));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }

    static boolean flag(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new MaskingRulesException(where + ": " + key + " must be true or false, found " + describe(value));
        }
        return b;
    }

    // the type only: a value in a rules file may be a copied piece of production data
    private static String describe(Object raw) {
        return raw instanceof Iterable<?> ? "a list" : "a " + raw.getClass().getSimpleName().toLowerCase();
    }
}
