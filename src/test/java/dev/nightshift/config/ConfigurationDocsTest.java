package dev.nightshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is what the build's configuration metadata says. To refresh the page after changing a
 * setting: {@code ./mvnw test -Dtest=ConfigurationDocsTest -Dnightshift.docs.write=true}.
 */
class ConfigurationDocsTest {

    @Test
    void configurationPageMatchesTheMetadataOfThisBuild() throws Exception {
        // given
        String generated = ConfigurationDocs.render(ConfigurationDocs.METADATA);
        if (Boolean.getBoolean("nightshift.docs.write")) {
            Files.writeString(ConfigurationDocs.PAGE, generated);
        }

        // when
        String committed = Files.exists(ConfigurationDocs.PAGE) ? Files.readString(ConfigurationDocs.PAGE) : "";

        // then
        assertThat(committed)
                .as("docs/configuration.md is stale; regenerate it with: ./mvnw test -Dtest=ConfigurationDocsTest -Dnightshift.docs.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyEnvironmentSettingIsDescribed() throws Exception {
        // given: the per-environment settings come from a map, which the processor cannot see into
        Class<?>[] types = Arrays.stream(EnvironmentProperties.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
        Set<String> components = Arrays.stream(EnvironmentProperties.class.getDeclaredConstructor(types).getParameters())
                .map(parameter -> {
                    var name = parameter.getAnnotation(org.springframework.boot.context.properties.bind.Name.class);
                    return name != null ? name.value() : kebab(parameter.getName());
                })
                .collect(Collectors.toSet());

        // when
        Set<String> described = new HashSet<>();
        JsonNode root = new ObjectMapper().readTree(ConfigurationDocs.METADATA.toFile());
        for (JsonNode p : root.path("properties")) {
            String name = p.path("name").asText();
            if (name.startsWith("nightshift.environments.*.")) {
                described.add(name.substring("nightshift.environments.*.".length()));
                assertThat(p.path("description").asText()).as(name).isNotBlank();
            }
        }

        // then
        assertThat(described)
                .as("META-INF/additional-spring-configuration-metadata.json against EnvironmentProperties' components")
                .isEqualTo(components);
    }

    @Test
    void javadocMarkupBecomesMarkdown() {
        assertThat(ConfigurationDocs.javadoc("use {@code ${PROD_PGPASSWORD}} or {@code a}\n   see {@link Foo}"))
                .isEqualTo("use `${PROD_PGPASSWORD}` or `a` see `Foo`");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
