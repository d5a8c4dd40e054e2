package dev.nightshift.sync.leak;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The parts of a value that are compared with the originals: a text value whole, the string leaves (and
 * the field names) of a json document, the elements of an array (of text or of json documents).
 */
public enum ValueParts {
    TEXT, JSON, TEXT_ARRAY, JSON_ARRAY;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Calls {@code part} with each part of {@code value} (in PostgreSQL text form). */
    public void forEach(String value, Consumer<String> part) {
        switch (this) {
            case TEXT -> part.accept(value);
            case JSON -> json(value, part);
            case TEXT_ARRAY -> ArrayLiteral.elements(value, part);
            case JSON_ARRAY -> ArrayLiteral.elements(value, element -> json(element, part));
        }
    }

    private static void json(String value, Consumer<String> part) {
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JacksonException e) {
            part.accept(value); // not a document after all: searched as text (never quoted in a message)
            return;
        }
        leaves(root, part);
    }

    static void leaves(JsonNode node, Consumer<String> part) {
        if (node.isString()) {
            part.accept(node.asString());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                part.accept(field.getKey());
                leaves(field.getValue(), part);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                leaves(element, part);
            }
        } else if (node.isNumber()) {
            part.accept(node.asString());
        }
    }
}
