package dev.nightshift.demo;

/**
 * Just enough JSON writing for the demo's jsonb columns, which keeps the generator free of a JSON library
 * (and of the Jackson 2/3 split).
 */
final class Json {

    /** Already-serialized JSON, nested as is. */
    record Raw(String json) {
    }

    private Json() {
    }

    /** {@code object("a", 1, "b", "x")} is {@code {"a":1,"b":"x"}}; null values are left out. */
    static String object(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, keysAndValues[i].toString());
            out.append(':');
            if (value instanceof Raw raw) {
                out.append(raw.json());
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    static Raw nested(Object... keysAndValues) {
        return new Raw(object(keysAndValues));
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
