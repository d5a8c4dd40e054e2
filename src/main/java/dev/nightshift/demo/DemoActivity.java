package dev.nightshift.demo;

import net.datafaker.Faker;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * Generates what accounts accumulate over their life: roles, refresh tokens, sessions, invoices and the
 * audit trail. One pass per table, because a connection carries only one COPY at a time.
 */
final class DemoActivity {

    private static final String[] PLAN_PRICES = {"9.00", "19.00", "49.00", "99.00", "249.00"};
    private static final String[] AUDIT_ACTIONS = {
            "user.login", "user.login", "user.login", "user.logout", "token.refreshed", "token.refreshed",
            "user.password_changed", "user.mfa_enabled", "user.profile_updated", "user.login_failed"};
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(30);
    private static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final Faker faker;
    private final Random random;
    private final DemoUsers.Accounts accounts;

    DemoActivity(Faker faker, Random random, DemoUsers.Accounts accounts) {
        this.faker = faker;
        this.random = random;
        this.accounts = accounts;
    }

    /** Everyone is a plain user; some also hold one or two extra roles. {@code roleIds[0]} is "user". */
    long userRoles(Connection c, int[] roleIds) throws SQLException {
        try (CopyWriter copy = CopyWriter.open(c, "user_roles", "user_id, role_id, granted_at")) {
            for (int i = 0; i < accounts.size(); i++) {
                long user = accounts.ids()[i];
                Instant created = accounts.createdAt()[i];
                copy.row(user, roleIds[0], created);
                int extras = random.nextInt(3);
                int first = 1 + random.nextInt(roleIds.length - 1);
                int second = 1 + (first + random.nextInt(roleIds.length - 2)) % (roleIds.length - 1);
                if (extras >= 1) {
                    copy.row(user, roleIds[first], DemoTime.between(random, created, DemoTime.ANCHOR));
                }
                if (extras == 2) {
                    copy.row(user, roleIds[second], DemoTime.between(random, created, DemoTime.ANCHOR));
                }
            }
            return copy.finish();
        }
    }

    long refreshTokens(Connection c) throws SQLException {
        byte[] secret = new byte[32];
        try (CopyWriter copy = CopyWriter.open(c, "refresh_tokens", "user_id, token, issued_at, expires_at, revoked_at")) {
            for (int i = 0; i < accounts.size(); i++) {
                int tokens = random.nextInt(5);
                for (int t = 0; t < tokens; t++) {
                    random.nextBytes(secret);
                    Instant issued = recent(i, 90);
                    Instant revoked = random.nextInt(100) < 15 ? DemoTime.between(random, issued, DemoTime.ANCHOR) : null;
                    copy.row(accounts.ids()[i], TOKEN_TEXT.encodeToString(secret),
                            issued, issued.plus(TOKEN_LIFETIME), revoked);
                }
            }
            return copy.finish();
        }
    }

    /** Sessions started through an identity provider point at it; password logins leave it empty. */
    long sessions(Connection c, int[] providerIds) throws SQLException {
        try (CopyWriter copy = CopyWriter.open(c, "sessions",
                "id, user_id, provider_id, ip, user_agent, created_at, last_seen_at, expires_at")) {
            for (int i = 0; i < accounts.size(); i++) {
                int sessions = random.nextInt(3);
                for (int s = 0; s < sessions; s++) {
                    Instant created = recent(i, 30);
                    Instant expires = created.plus(SESSION_LIFETIME);
                    Instant lastSeen = DemoTime.between(random, created, DemoTime.earliest(expires, DemoTime.ANCHOR));
                    Integer provider = random.nextInt(10) < 4 ? providerIds[random.nextInt(providerIds.length)] : null;
                    copy.row(uuid(), accounts.ids()[i], provider, faker.internet().ipV4Address(),
                            faker.internet().userAgent(), created, lastSeen, expires);
                }
            }
            return copy.finish();
        }
    }

    /** Pending accounts have not subscribed yet; the invoice number comes from the column default. */
    long invoices(Connection c) throws SQLException {
        try (CopyWriter copy = CopyWriter.open(c, "invoices", "user_id, amount, currency, issued_at, paid")) {
            for (int i = 0; i < accounts.size(); i++) {
                int invoices = "pending".equals(accounts.status()[i]) ? 0 : random.nextInt(3);
                for (int n = 0; n < invoices; n++) {
                    copy.row(accounts.ids()[i], PLAN_PRICES[random.nextInt(PLAN_PRICES.length)],
                            random.nextInt(4) == 0 ? "EUR" : "USD",
                            DemoTime.between(random, accounts.createdAt()[i], DemoTime.ANCHOR),
                            random.nextInt(10) > 0);
                }
            }
            return copy.finish();
        }
    }

    /** A signup row for everyone, then two to six later events from the same address. */
    long auditLog(Connection c) throws SQLException {
        try (CopyWriter copy = CopyWriter.open(c, "audit_log", "user_id, action, payload, ip, occurred_at")) {
            for (int i = 0; i < accounts.size(); i++) {
                long user = accounts.ids()[i];
                Instant created = accounts.createdAt()[i];
                String ip = faker.internet().ipV4Address();
                copy.row(user, "user.signup", Json.object("method", random.nextInt(3) == 0 ? "oauth" : "password"),
                        ip, created);
                int events = 2 + random.nextInt(5);
                for (int e = 0; e < events; e++) {
                    String action = AUDIT_ACTIONS[random.nextInt(AUDIT_ACTIONS.length)];
                    String payload = Json.object("success", !action.endsWith("_failed"),
                            "mfa", random.nextInt(4) == 0);
                    copy.row(user, action, payload, ip, DemoTime.between(random, created, DemoTime.ANCHOR));
                }
            }
            return copy.finish();
        }
    }

    /** Within the last {@code days} before the anchor, but never before the account existed. */
    private Instant recent(int account, int days) {
        Instant from = DemoTime.latest(accounts.createdAt()[account], DemoTime.daysBeforeAnchor(days));
        return DemoTime.between(random, from, DemoTime.ANCHOR);
    }

    /** Version-4 layout from the seeded generator, so sessions are reproducible unlike UUID.randomUUID(). */
    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
