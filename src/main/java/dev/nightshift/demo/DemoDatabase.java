package dev.nightshift.demo;

import net.datafaker.Faker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A production-like auth/user service database for the newcomer demo and the backup round-trip tests:
 * {@link #createSchema} on an empty database, then {@link #fill} with seeded Datafaker data. The same seed
 * and user count always produce the same rows.
 */
public final class DemoDatabase {

    private static final String SCHEMA_RESOURCE = "/demo/schema.sql";

    /** name, description; "user" first because every account gets it. */
    private static final String[][] ROLES = {
            {"user", "Signs in and manages their own account"},
            {"support", "Reads accounts and resets passwords on request"},
            {"billing_admin", "Issues refunds and edits invoices"},
            {"moderator", "Suspends accounts that break the terms"},
            {"developer", "Registers OAuth clients and API keys"},
            {"admin", "Everything, including role grants"}};

    /** name, authorize URL, scopes. */
    private static final String[][] PROVIDERS = {
            {"google", "https://accounts.google.com/o/oauth2/v2/auth", "openid email profile"},
            {"github", "https://github.com/login/oauth/authorize", "read:user user:email"},
            {"microsoft", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", "openid email"},
            {"okta", "https://example.okta.com/oauth2/v1/authorize", "openid email groups"}};

    private DemoDatabase() {
    }

    /** Creates the demo schema; the database must not already contain it. */
    public static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(schemaSql());
        }
    }

    /**
     * Inserts {@code users} accounts and their roles, tokens, sessions, invoices and audit trail, then
     * refreshes the materialized view and analyzes, so the result looks like a live database to the planner
     * and to pg_dump. Runs as one transaction unless the caller already has one open, in which case
     * committing is left to the caller.
     *
     * @throws IllegalStateException if the schema already holds users: the generated emails would clash
     */
    public static DemoStats fill(Connection c, int users, long seed) throws SQLException {
        if (users < 0) {
            throw new IllegalArgumentException("users must not be negative: " + users);
        }
        boolean ownTransaction = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            DemoStats stats = fillInTransaction(c, users, seed);
            if (ownTransaction) {
                c.commit();
            }
            return stats;
        } catch (SQLException | RuntimeException e) {
            if (ownTransaction) {
                c.rollback();
            }
            throw e;
        } finally {
            if (ownTransaction) {
                c.setAutoCommit(true);
            }
        }
    }

    private static DemoStats fillInTransaction(Connection c, int users, long seed) throws SQLException {
        requireNoUsers(c);
        Random random = new Random(seed);
        Faker faker = new Faker(random);
        Map<String, Long> rows = new LinkedHashMap<>();

        int[] roleIds = insertRoles(c);
        rows.put("roles", (long) roleIds.length);
        int[] providerIds = insertProviders(c, random);
        rows.put("oauth_providers", (long) providerIds.length);

        DemoUsers.Accounts accounts = new DemoUsers(faker, random, users).write(c);
        rows.put("users", (long) accounts.size());
        DemoActivity activity = new DemoActivity(faker, random, accounts);
        rows.put("user_roles", activity.userRoles(c, roleIds));
        rows.put("refresh_tokens", activity.refreshTokens(c));
        rows.put("sessions", activity.sessions(c, providerIds));
        rows.put("invoices", activity.invoices(c));
        rows.put("audit_log", activity.auditLog(c));

        try (Statement s = c.createStatement()) {
            s.execute("REFRESH MATERIALIZED VIEW daily_signups");
            // Fresh COPYs leave no statistics; the demo's EXPLAINs and size estimates should look real.
            s.execute("ANALYZE");
        }
        return new DemoStats(rows);
    }

    private static void requireNoUsers(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new IllegalStateException("the demo schema already holds users; fill expects a fresh schema");
            }
        }
    }

    private static int[] insertRoles(Connection c) throws SQLException {
        int[] ids = new int[ROLES.length];
        try (PreparedStatement s = c.prepareStatement("INSERT INTO roles (name, description) VALUES (?, ?) RETURNING id")) {
            for (int i = 0; i < ROLES.length; i++) {
                s.setString(1, ROLES[i][0]);
                s.setString(2, ROLES[i][1]);
                ids[i] = returnedId(s);
            }
        }
        return ids;
    }

    /** Client secrets look like real ones so the masking demo has something worth hiding. */
    private static int[] insertProviders(Connection c, Random random) throws SQLException {
        int[] ids = new int[PROVIDERS.length];
        HexFormat hex = HexFormat.of();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO oauth_providers "
                + "(name, client_id, client_secret, authorize_url, scopes) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            for (int i = 0; i < PROVIDERS.length; i++) {
                byte[] clientId = new byte[12];
                byte[] secret = new byte[24];
                random.nextBytes(clientId);
                random.nextBytes(secret);
                s.setString(1, PROVIDERS[i][0]);
                s.setString(2, hex.formatHex(clientId));
                s.setString(3, "cs_" + hex.formatHex(secret));
                s.setString(4, PROVIDERS[i][1]);
                s.setArray(5, c.createArrayOf("text", PROVIDERS[i][2].split(" ")));
                ids[i] = returnedId(s);
            }
        }
        return ids;
    }

    private static int returnedId(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String schemaSql() {
        try (InputStream in = DemoDatabase.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCHEMA_RESOURCE, e);
        }
    }
}
