package dev.nightshift.sync.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code {column}} placeholders from the row's original values, e.g. {@code user_{id}@test.example.com}.
 * The template is split once so masking a value is a plain concatenation.
 */
final class TemplateStrategy implements MaskingStrategy {

    private final List<String> literals = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();

    TemplateStrategy(String template) {
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                literals.add(template.substring(at));
                return;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new MaskingRulesException("template has an unclosed '{' at position " + open);
            }
            String column = template.substring(open + 1, close).trim();
            if (column.isEmpty()) {
                throw new MaskingRulesException("template has an empty placeholder {} at position " + open);
            }
            literals.add(template.substring(at, open));
            columns.add(column);
            at = close + 1;
        }
    }

    @Override
    public String mask(String original, Row row) {
        if (original == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < columns.size(); i++) {
            String value = row.get(columns.get(i));
            // a NULL placeholder becomes empty: printing "null" would read like data
            out.append(value == null ? "" : value).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
