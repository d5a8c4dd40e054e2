package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseIndexTest {

    private static final List<String> RENDERED = List.of("auth", "user", "crm");

    @Test
    void podNRunsDatabaseN() {
        assertThat(DatabaseIndex.pick(RENDERED, "0")).containsExactly("auth");
        assertThat(DatabaseIndex.pick(RENDERED, "2")).containsExactly("crm");
        assertThat(DatabaseIndex.pick(RENDERED, null)).isEqualTo(RENDERED);
    }

    @Test
    void anIndexOutsideTheListOrAnUnexpandedVariableIsAConfigurationError() {
        assertThatThrownBy(() -> DatabaseIndex.pick(RENDERED, "3")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outside the 3 database(s)");
        assertThatThrownBy(() -> DatabaseIndex.pick(RENDERED, "$(JOB_COMPLETION_INDEX)")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> DatabaseIndex.pick(null, "0")).hasMessageContaining("name the databases with --database");
    }
}
