package dev.nightshift.sync.masking;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Masks values inside a json/jsonb document at dot paths ({@code address.street}). A path through an array
 * applies to every element; a path the document does not have is left alone, since documents of one column
 * rarely share one shape. Numbers are read as BigDecimal so untouched numbers keep every digit.
 */
final class JsonStrategy implements MaskingStrategy {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Map<String[], MaskingStrategy> paths = new LinkedHashMap<>();

    JsonStrategy(Map<String, ColumnRule> rules, Function<ColumnRule, MaskingStrategy> factory) {
        if (rules.isEmpty()) {
            throw new MaskingRulesException("json needs at least one entry under paths");
        }
        rules.forEach((path, rule) -> {
            if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw new MaskingRulesException("path '" + path + "' is not a dot path like address.street");
            }
            if (rule.strategy().equals("json")) {
                throw new MaskingRulesException("path " + path + ": json inside json is not supported; use a longer path");
            }
            try {
                paths.put(path.split("\\."), factory.apply(rule));
            } catch (MaskingRulesException e) {
                throw new MaskingRulesException("path " + path + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public String mask(String original, Row row) {
        if (original == null) {
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(original);
        } catch (JacksonException e) {
            // the message would quote the value, which is the data being hidden
            throw new IllegalArgumentException("the value is not valid JSON");
        }
        for (Map.Entry<String[], MaskingStrategy> path : paths.entrySet()) {
            root = apply(root, path.getKey(), 0, path.getValue(), row);
        }
        return MAPPER.writeValueAsString(root);
    }

    private static JsonNode apply(JsonNode node, String[] path, int depth, MaskingStrategy strategy, Row row) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, apply(array.get(i), path, depth, strategy, row));
            }
            return array;
        }
        if (depth == path.length) {
            return leaf(node, strategy, row);
        }
        if (node instanceof ObjectNode object && object.get(path[depth]) != null) {
            object.set(path[depth], apply(object.get(path[depth]), path, depth + 1, strategy, row));
        }
        return node;
    }

    private static JsonNode leaf(JsonNode node, MaskingStrategy strategy, Row row) {
        if (node.isNull()) {
            return node;
        }
        String text = node.isValueNode() ? node.asString() : MAPPER.writeValueAsString(node);
        String masked = strategy.mask(text, row);
        if (masked == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isNumber()) {
            JsonNode number = asNumber(masked);
            if (number != null) {
                return number;
            }
        }
        return JsonNodeFactory.instance.stringNode(masked);
    }

    // a number masked into digits (random, constant) stays a number, so consumers of the document still parse it
    private static JsonNode asNumber(String text) {
        try {
            JsonNode parsed = MAPPER.readTree(text);
            return parsed.isNumber() ? parsed : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
