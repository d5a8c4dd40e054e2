package dev.nightshift.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseLocationTest {

    @Test
    void aPlainNameIsOnTheEnvironmentsServer() {
        assertThat(DatabaseLocation.parse("prod_auth", "db1", 5433, "p")).isEqualTo(new DatabaseLocation("db1", 5433, "prod_auth"));
    }

    @Test
    void hostPortSlashNameIsOnAServerOfItsOwn() {
        assertThat(DatabaseLocation.parse("db2.internal:6432/prod_crm", "db1", 5433, "p"))
                .isEqualTo(new DatabaseLocation("db2.internal", 6432, "prod_crm"));
        assertThat(DatabaseLocation.parse("db2/prod_crm", "db1", 5433, "p")).isEqualTo(new DatabaseLocation("db2", 5432, "prod_crm"));
    }

    @Test
    void malformedEntriesSayWhatToWrite() {
        assertThatThrownBy(() -> DatabaseLocation.parse("db2:x/crm", "db1", 5432, "nightshift.environments.prod.databases.crm"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nightshift.environments.prod.databases.crm")
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> DatabaseLocation.parse("db2:5432/", "db1", 5432, "p")).hasMessageContaining("host:port/name");
    }
}
