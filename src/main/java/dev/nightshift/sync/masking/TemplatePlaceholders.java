package dev.nightshift.sync.masking;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The column names a template strategy reads, parsed as {@link TemplateStrategy} does. */
public final class TemplatePlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private TemplatePlaceholders() {
    }

    static Set<String> of(ColumnRule rule) {
        Set<String> columns = new LinkedHashSet<>();
        Object template = rule.options().get("template");
        if (rule.strategy().equals("template") && template != null) {
            Matcher m = PLACEHOLDER.matcher(template.toString());
            while (m.find()) {
                columns.add(m.group(1).trim());
            }
        }
        return columns;
    }

    /**
     * Every column whose original value the masking of {@code rules} reads: the masked columns and the
     * placeholders of their templates, also those nested in a json rule's paths.
     */
    public static Set<String> columnsRead(TableRules rules) {
        Set<String> columns = new LinkedHashSet<>();
        rules.masked().forEach((column, rule) -> {
            if (!"keep".equals(rule.strategy())) {
                columns.add(column);
                addPlaceholders(rule, columns);
            }
        });
        return columns;
    }

    private static void addPlaceholders(ColumnRule rule, Set<String> into) {
        into.addAll(of(rule));
        if (rule.options().get("paths") instanceof java.util.Map<?, ?> paths) {
            for (Object nested : paths.values()) {
                if (nested instanceof ColumnRule nestedRule) {
                    addPlaceholders(nestedRule, into);
                }
            }
        }
    }
}
