package dev.nightshift.sync.masking;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The column names a template strategy reads, parsed as {@link TemplateStrategy} does. */
final class TemplatePlaceholders {

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
}
