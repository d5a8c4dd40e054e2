package dev.nightshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders docs/configuration.md from the configuration metadata that spring-boot-configuration-processor
 * writes at compile time (Javadoc {@code @param} of the properties records, their defaults, and
 * META-INF/additional-spring-configuration-metadata.json for the per-environment map).
 */
final class ConfigurationDocs {

    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    static final Path PAGE = Path.of("docs/configuration.md");

    private ConfigurationDocs() {
    }

    static String render(Path metadata) throws IOException {
        JsonNode root = new ObjectMapper().readTree(metadata.toFile());
        Map<String, List<JsonNode>> groups = new TreeMap<>();
        Map<String, String> groupDescriptions = new TreeMap<>();
        for (JsonNode property : root.path("properties")) {
            String name = property.path("name").asText();
            if (!name.startsWith("nightshift.")) {
                continue;
            }
            if (property.path("type").asText().startsWith("java.util.Map<java.lang.String,dev.nightshift")) {
                groupDescriptions.put(name, property.path("description").asText());
                continue;
            }
            groups.computeIfAbsent(group(name), g -> new ArrayList<>()).add(property);
        }
        for (JsonNode group : root.path("groups")) {
            groupDescriptions.putIfAbsent(group.path("name").asText(), group.path("description").asText(""));
        }
        StringBuilder md = new StringBuilder("""
                # Configuration

                Every setting, its default and what it does. Settings go in the YAML file passed with `--config`,
                or in environment variables (`nightshift.backup.directory` is `NIGHTSHIFT_BACKUP_DIRECTORY`; a
                per-environment setting such as `nightshift.environments.prod.password` is
                `NIGHTSHIFT_ENVIRONMENTS_PROD_PASSWORD`). Durations take a unit (`30s`, `24h`), sizes one of
                `KB`, `MB`, `GB`. Secrets belong in environment variables or mounted files, never in a committed file.

                This page is generated from the configuration metadata of the build; a test fails when it is stale.

                """);
        for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
            md.append("## `").append(group.getKey()).append("`\n\n");
            String description = groupDescriptions.getOrDefault(group.getKey(), "");
            if (!description.isBlank()) {
                md.append(sentence(javadoc(description))).append("\n\n");
            }
            md.append("| Setting | Default | Description |\n|---|---|---|\n");
            group.getValue().sort(Comparator.comparing(p -> p.path("name").asText()));
            for (JsonNode p : group.getValue()) {
                md.append("| `").append(p.path("name").asText().substring(group.getKey().length() + 1)).append("` | ")
                        .append(defaultValue(p)).append(" | ")
                        .append(cell(sentence(javadoc(p.path("description").asText(""))))).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Settings are grouped by their first two levels: nightshift.backup, nightshift.environments.*, ... */
    private static String group(String name) {
        String[] parts = name.split("\\.");
        if (parts.length > 3 && "environments".equals(parts[1])) {
            return "nightshift.environments.*";
        }
        return parts.length > 3 ? parts[0] + "." + parts[1] + "." + parts[2] : parts[0] + "." + parts[1];
    }

    private static String defaultValue(JsonNode property) {
        JsonNode value = property.get("defaultValue");
        if (value == null || value.isNull()) {
            return "";
        }
        String text = value.isArray() ? value.toString() : value.asText();
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    static String javadoc(String text) {
        return text.replaceAll("\\{@(?:code|literal) ([^{}]*(?:\\{[^{}]*}[^{}]*)*)}", "`$1`")
                .replaceAll("\\{@link(?:plain)? ([^}]*)}", "`$1`")
                .replaceAll("\\s+", " ").strip();
    }

    private static String sentence(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String capital = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
