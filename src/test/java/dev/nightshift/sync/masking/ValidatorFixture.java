package dev.nightshift.sync.masking;

import dev.nightshift.sync.schema.LiveSchema;
import dev.nightshift.testsupport.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The schema the validator tests check rules against, and rules that cover it without a problem. */
final class ValidatorFixture {

    /** Covers the schema of {@link #create()} without a problem; each test breaks one line of it. */
    static final String VALID = """
            tables:
              public.customers:
                columns:
                  email:      {strategy: hash}
                  name:       {strategy: fake, provider: name}
                  login:      {strategy: template, template: "login_{id}"}
                  phone:      {strategy: hash, length: 32}
                  first_name: {strategy: fake, provider: first_name}
                  last_name:  {strategy: "null"}
                keep: [id, tenant]
              public.orders:
                columns:
                  customer_email: {strategy: hash}
                keep: [id, customer_id, note]
              public.audit_log: {keep-all: true, filter: "at > now() - interval '30 days'"}
              public.sessions: {skip-data: true}
            """;

    private static final TestPostgres PG = TestPostgres.get();

    final String database;
    final LiveSchema schema;

    private ValidatorFixture(String database, LiveSchema schema) {
        this.database = database;
        this.schema = schema;
    }

    /** A database of its own per test class, so each can drop it when done. */
    static ValidatorFixture create() throws SQLException {
        String database = PG.createDatabase("rule_validator");
        PG.execute(database, """
                CREATE TABLE customers (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  email text NOT NULL UNIQUE,
                  name text NOT NULL,
                  tenant int NOT NULL,
                  login text,
                  phone text,
                  first_name text,
                  last_name text,
                  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
                  UNIQUE (tenant, login));
                CREATE UNIQUE INDEX customers_phone_idx ON customers (phone);
                CREATE TABLE orders (id serial PRIMARY KEY, customer_email text REFERENCES customers (email),
                  customer_id bigint NOT NULL REFERENCES customers (id), note text);
                CREATE TABLE audit_log (id bigserial PRIMARY KEY, at timestamptz NOT NULL, ip inet);
                CREATE TABLE sessions (id bigserial PRIMARY KEY, customer_id bigint REFERENCES customers (id), token text);
                """);
        try (Connection connection = PG.connect(database)) {
            return new ValidatorFixture(database, LiveSchema.read(connection));
        }
    }

    void drop() {
        PG.dropDatabase(database);
    }

    ValidationReport validate(Path dir, String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("masking.yaml"), yaml);
        return MaskingRuleValidator.validate(MaskingRulesLoader.load(file), schema);
    }
}
