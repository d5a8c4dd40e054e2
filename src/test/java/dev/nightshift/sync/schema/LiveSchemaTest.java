package dev.nightshift.sync.schema;

import dev.nightshift.sync.schema.UniqueKey.Kind;
import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSchemaTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static String database;
    private static LiveSchema schema;

    @BeforeAll
    static void readTheSchema() throws SQLException {
        // given a schema with every kind of key, a partitioned table and a view
        database = PG.createDatabase("live_schema");
        PG.execute(database, """
                CREATE SCHEMA shop;
                CREATE TABLE shop.customers (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  email varchar(255) NOT NULL,
                  tenant int NOT NULL,
                  login text,
                  first_name text,
                  last_name text,
                  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
                  CONSTRAINT customers_tenant_login UNIQUE (tenant, login));
                CREATE UNIQUE INDEX customers_email_lower ON shop.customers (lower(email));
                CREATE UNIQUE INDEX customers_login_active ON shop.customers (login) INCLUDE (last_name)
                  WHERE first_name IS NOT NULL;
                CREATE TABLE shop.orders (
                  id serial PRIMARY KEY,
                  customer_id bigint NOT NULL REFERENCES shop.customers (id),
                  tenant int, login text,
                  CONSTRAINT orders_customer_login FOREIGN KEY (tenant, login)
                    REFERENCES shop.customers (tenant, login));
                CREATE TABLE public.events (id bigint, at date NOT NULL, payload jsonb,
                  customer_id bigint REFERENCES shop.customers (id), PRIMARY KEY (id, at))
                  PARTITION BY RANGE (at);
                CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE VIEW public.customer_emails AS SELECT email FROM shop.customers;
                """);

        // when
        try (Connection connection = PG.connect(database)) {
            schema = LiveSchema.read(connection);
        }
    }

    @AfterAll
    static void dropTheDatabase() {
        PG.dropDatabase(database);
    }

    @Test
    void listsPlainAndPartitionedTablesButNotPartitionsOrViews() {
        assertThat(schema.tables()).extracting(LiveTable::qualifiedName)
                .containsExactly("public.events", "shop.customers", "shop.orders");
        assertThat(schema.table("public.events").orElseThrow().partitioned()).isTrue();
        assertThat(schema.table("shop.orders").orElseThrow().partitioned()).isFalse();
    }

    @Test
    void readsColumnsInOrderWithTypeNullabilityIdentityAndGeneration() {
        LiveTable customers = schema.table("shop.customers").orElseThrow();

        assertThat(customers.columns()).containsExactly(
                new LiveColumn("id", "bigint", true, false, true),
                new LiveColumn("email", "character varying(255)", true, false, false),
                new LiveColumn("tenant", "integer", true, false, false),
                new LiveColumn("login", "text", false, false, false),
                new LiveColumn("first_name", "text", false, false, false),
                new LiveColumn("last_name", "text", false, false, false),
                new LiveColumn("full_name", "text", false, true, false,
                        "((first_name || ' '::text) || last_name)"));
    }

    @Test
    void readsPrimaryKeyUniqueConstraintAndFlaggedUniqueIndexes() {
        LiveTable customers = schema.table("shop.customers").orElseThrow();

        assertThat(customers.uniqueKeys()).containsExactly(
                new UniqueKey("customers_pkey", Kind.PRIMARY_KEY, List.of("id"), false, false),
                new UniqueKey("customers_tenant_login", Kind.UNIQUE_CONSTRAINT, List.of("tenant", "login"), false, false),
                // the expression's column counts; the INCLUDE column does not, the predicate's does
                new UniqueKey("customers_email_lower", Kind.UNIQUE_INDEX, List.of("email"), true, false,
                        List.of("lower((email)::text)"), null),
                new UniqueKey("customers_login_active", Kind.UNIQUE_INDEX, List.of("login", "first_name"), false, true,
                        List.of("login"), "(first_name IS NOT NULL)"));
        assertThat(schema.table("public.events").orElseThrow().uniqueKeys()).containsExactly(
                new UniqueKey("events_pkey", Kind.PRIMARY_KEY, List.of("id", "at"), false, false));
    }

    @Test
    void readsForeignKeysOnceEvenFromPartitionedTablesAndMarksReferencedTables() {
        assertThat(schema.table("shop.orders").orElseThrow().foreignKeys()).containsExactly(
                new ForeignKey("orders_customer_id_fkey", List.of("customer_id"), "shop.customers", List.of("id")),
                new ForeignKey("orders_customer_login", List.of("tenant", "login"), "shop.customers",
                        List.of("tenant", "login")));
        assertThat(schema.table("public.events").orElseThrow().foreignKeys()).containsExactly(
                new ForeignKey("events_customer_id_fkey", List.of("customer_id"), "shop.customers", List.of("id")));
        assertThat(schema.tables()).filteredOn(LiveTable::referenced)
                .extracting(LiveTable::qualifiedName).containsExactly("shop.customers");
    }

    @Test
    void tellsWhichKeysMakeAColumnUniqueOnItsOwn() {
        LiveTable customers = schema.table("shop.customers").orElseThrow();

        assertThat(customers.uniqueKeysWith("login")).extracting(UniqueKey::name)
                .containsExactly("customers_tenant_login", "customers_login_active");
        assertThat(customers.uniqueKeys()).filteredOn(k -> k.makesUnique("id")).hasSize(1);
        assertThat(customers.uniqueKeys()).filteredOn(k -> k.makesUnique("email")).isEmpty();
    }
}
