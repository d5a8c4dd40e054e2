package dev.nightshift.sync.masking;

import java.util.List;

/**
 * Fills {@code {column}} placeholders from the row, e.g. {@code user_{id}@test.example.com}; a
 * {@code {masked.column}} placeholder takes that column's masked value. The template is split once so
 * masking a value is a plain concatenation.
 */
final class TemplateStrategy implements MaskingStrategy {

    private final List<String> literals;
    private final List<String> columns;

    TemplateStrategy(String template) {
        TemplateParts parts = TemplateParts.parse(template);
        this.literals = parts.literals();
        this.columns = parts.placeholders();
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
