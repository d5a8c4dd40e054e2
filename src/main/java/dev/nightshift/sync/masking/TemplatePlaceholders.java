package dev.nightshift.sync.masking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a template strategy, parsed as {@link TemplateStrategy} does. {@code {col}} reads the
 * column's value as the rules copy it (only allowed for kept columns), {@code {masked.col}} the column's
 * masked value of the same row.
 */
public final class TemplatePlaceholders {

    /** Prefix of a placeholder that renders a column's masked value rather than its original. */
    static final String MASKED = "masked.";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private TemplatePlaceholders() {
    }

    /** The placeholders of one template rule as written, e.g. {@code id} or {@code masked.name}. */
    static Set<String> of(ColumnRule rule) {
        Set<String> placeholders = new LinkedHashSet<>();
        Object template = rule.options().get("template");
        if (rule.strategy().equals("template") && template != null) {
            Matcher m = PLACEHOLDER.matcher(template.toString());
            while (m.find()) {
                placeholders.add(m.group(1).trim());
            }
        }
        return placeholders;
    }

    /** The column a placeholder names, without the {@code masked.} prefix. */
    static String column(String placeholder) {
        return masked(placeholder) ? placeholder.substring(MASKED.length()) : placeholder;
    }

    static boolean masked(String placeholder) {
        return placeholder.startsWith(MASKED);
    }

    /** The rule itself and, for a json rule, the rules of its paths: every rule that may hold a template. */
    static List<ColumnRule> withNested(ColumnRule rule) {
        List<ColumnRule> rules = new ArrayList<>();
        rules.add(rule);
        if (rule.options().get("paths") instanceof java.util.Map<?, ?> paths) {
            for (Object nested : paths.values()) {
                if (nested instanceof ColumnRule nestedRule) {
                    rules.addAll(withNested(nestedRule));
                }
            }
        }
        return rules;
    }

    /**
     * Every column whose original value the masking of {@code rules} reads: the masked columns and the
     * columns their templates name (also those nested in a json rule's paths, and the columns behind
     * {@code {masked.col}}, whose masked value is computed from the original).
     */
    public static Set<String> columnsRead(TableRules rules) {
        Set<String> columns = new LinkedHashSet<>();
        rules.masked().forEach((column, rule) -> {
            if (!"keep".equals(rule.strategy())) {
                columns.add(column);
                withNested(rule).forEach(r -> of(r).forEach(p -> columns.add(column(p))));
            }
        });
        return columns;
    }
}
