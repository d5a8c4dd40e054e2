package dev.nightshift.demo;

import dev.nightshift.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDatabaseTest {

    private static final TestPostgres PG = TestPostgres.get();
    private static final List<String> TABLES = List.of("users", "roles", "oauth_providers", "user_roles",
            "refresh_tokens", "sessions", "invoices", "audit_log");

    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void noDatabasesYet() {
        databases.clear();
    }

    @AfterEach
    void dropDatabases() {
        databases.forEach(PG::dropDatabase);
    }

    @Test
    void fillReportsExactlyTheRowsThatAreInTheDatabase() throws SQLException {
        // given
        String db = emptyDatabase();

        // when
        DemoStats stats = createAndFill(db, 200, 42);

        // then
        assertThat(stats.rowsPerTable()).containsOnlyKeys(TABLES);
        for (Map.Entry<String, Long> table : stats.rowsPerTable().entrySet()) {
            assertThat(longValue(db, "SELECT count(*) FROM " + table.getKey()))
                    .as(table.getKey()).isEqualTo(table.getValue());
        }
        assertThat(stats.rows("users")).isEqualTo(200);
        assertThat(stats.rows("user_roles")).isBetween(200L, 600L);
        assertThat(stats.rows("refresh_tokens")).isBetween(200L, 600L);
        assertThat(stats.rows("sessions")).isBetween(100L, 300L);
        assertThat(stats.rows("audit_log")).isBetween(800L, 1400L);
        assertThat(longValue(db, "SELECT count(DISTINCT user_id) FROM user_roles")).isEqualTo(200);
    }

    @Test
    void statusChangeFiresTheTimestampAndAuditTriggers() throws SQLException {
        // given
        String db = emptyDatabase();
        createAndFill(db, 200, 42);
        long auditBefore = longValue(db, "SELECT count(*) FROM audit_log");

        // when
        PG.execute(db, "UPDATE users SET status = 'suspended' WHERE id = (SELECT min(id) FROM active_users)");

        // then
        assertThat(longValue(db, "SELECT count(*) FROM audit_log")).isEqualTo(auditBefore + 1);
        assertThat(stringValue(db, "SELECT payload->>'to' FROM audit_log WHERE action = 'user.status_changed'"))
                .isEqualTo("suspended");
        assertThat(longValue(db, "SELECT count(*) FROM users WHERE updated_at > now() - interval '1 minute'"))
                .isEqualTo(1);
    }

    @Test
    void materializedViewAndGeneratedColumnAreFilled() throws SQLException {
        // given
        String db = emptyDatabase();

        // when
        createAndFill(db, 200, 42);

        // then
        assertThat(longValue(db, "SELECT count(*) FROM daily_signups")).isPositive();
        assertThat(longValue(db, "SELECT sum(signups) FROM daily_signups")).isEqualTo(200);
        assertThat(longValue(db, "SELECT count(*) FROM users "
                + "WHERE email_domain IS NULL OR email_domain <> split_part(email, '@', 2)")).isZero();
        assertThat(longValue(db, "SELECT count(DISTINCT number) FROM invoices WHERE number LIKE 'INV-%'"))
                .isEqualTo(longValue(db, "SELECT count(*) FROM invoices"));
    }

    @Test
    void sameSeedGivesTheSameDataInTwoDatabases() throws SQLException {
        // given
        String first = emptyDatabase();
        String second = emptyDatabase();
        String other = emptyDatabase();

        // when
        createAndFill(first, 200, 42);
        createAndFill(second, 200, 42);
        createAndFill(other, 200, 7);

        // then
        String emails = "SELECT string_agg(email, ',' ORDER BY id) FROM users";
        assertThat(stringValue(second, emails)).isEqualTo(stringValue(first, emails));
        assertThat(stringValue(other, emails)).isNotEqualTo(stringValue(first, emails));
        for (String table : TABLES) {
            assertThat(fingerprint(second, table)).as(table).isEqualTo(fingerprint(first, table));
        }
    }

    @Test
    void schemaHasTheObjectTypesABackupMustCarry() throws SQLException {
        // given
        String db = emptyDatabase();

        // when
        try (Connection c = PG.connect(db)) {
            DemoDatabase.createSchema(c);
        }

        // then
        assertThat(longValue(db, "SELECT count(*) FROM pg_type WHERE typname = 'user_status' AND typtype = 'e'"))
                .isEqualTo(1);
        assertThat(longValue(db, "SELECT count(*) FROM pg_type WHERE typname = 'email_address' AND typtype = 'd'"))
                .isEqualTo(1);
        assertThat(relkind(db, "active_users")).isEqualTo("v");
        assertThat(relkind(db, "daily_signups")).isEqualTo("m");
        assertThat(relkind(db, "invoice_number_seq")).isEqualTo("S");
        assertThat(longValue(db, "SELECT count(*) FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang "
                + "WHERE p.proname IN ('touch_updated_at', 'audit_user_status') AND l.lanname = 'plpgsql'"))
                .isEqualTo(2);
        assertThat(longValue(db, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
                + "AND tgrelid = 'users'::regclass")).isEqualTo(2);
        assertThat(longValue(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass "
                + "AND attname = 'email_domain' AND attgenerated = 's'")).isEqualTo(1);
        assertThat(stringValue(db, "SELECT obj_description('users'::regclass, 'pg_class')")).isNotBlank();
    }

    @Test
    void fillRefusesASchemaThatAlreadyHasUsersAndLeavesItUntouched() throws SQLException {
        // given
        String db = emptyDatabase();
        DemoStats first = createAndFill(db, 50, 1);

        // when / then
        try (Connection c = PG.connect(db)) {
            assertThatThrownBy(() -> DemoDatabase.fill(c, 50, 2)).isInstanceOf(IllegalStateException.class);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(longValue(db, "SELECT count(*) FROM roles")).isEqualTo(first.rows("roles"));
    }

    private String emptyDatabase() {
        String db = PG.createDatabase("demo");
        databases.add(db);
        return db;
    }

    private static DemoStats createAndFill(String db, int users, long seed) throws SQLException {
        try (Connection c = PG.connect(db)) {
            DemoDatabase.createSchema(c);
            return DemoDatabase.fill(c, users, seed);
        }
    }

    /** Whole-table content hash, independent of physical row order. */
    private static String fingerprint(String db, String table) throws SQLException {
        return stringValue(db, "SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM " + table + " t");
    }

    private static String relkind(String db, String relation) throws SQLException {
        return stringValue(db, "SELECT relkind::text FROM pg_class WHERE relname = '" + relation + "'");
    }

    private static long longValue(String db, String sql) throws SQLException {
        return Long.parseLong(stringValue(db, sql));
    }

    private static String stringValue(String db, String sql) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
