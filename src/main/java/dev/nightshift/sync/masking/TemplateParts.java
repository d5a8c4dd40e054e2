package dev.nightshift.sync.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * A template split into its fixed text and its placeholders: {@code literals} has one more element than
 * {@code placeholders}, the text before, between and after them.
 */
record TemplateParts(List<String> literals, List<String> placeholders) {

    TemplateParts {
        literals = List.copyOf(literals);
        placeholders = List.copyOf(placeholders);
    }

    static TemplateParts parse(String template) {
        List<String> literals = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                literals.add(template.substring(at));
                return new TemplateParts(literals, placeholders);
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new MaskingRulesException("template has an unclosed '{' at position " + open);
            }
            String placeholder = template.substring(open + 1, close).trim();
            if (placeholder.isEmpty()) {
                throw new MaskingRulesException("template has an empty placeholder {} at position " + open);
            }
            literals.add(template.substring(at, open));
            placeholders.add(placeholder);
            at = close + 1;
        }
    }
}
