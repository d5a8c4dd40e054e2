package dev.nightshift.demo;

import net.datafaker.Faker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

/** Generates the {@code users} rows and hands back what the dependent tables need to reference them. */
final class DemoUsers {

    /** The ids the database assigned, with the facts about each account its activity depends on. */
    record Accounts(long[] ids, Instant[] createdAt, String[] status) {
        int size() {
            return ids.length;
        }
    }

    private static final String[] FREE_MAIL = {
            "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me", "gmx.net"};
    private static final String[] LOCALES = {"en-US", "en-US", "en-US", "en-GB", "de-DE", "fr-FR", "es-ES"};
    private static final int SIGNUP_WINDOW_DAYS = 3 * 365;

    private final Faker faker;
    private final Random random;
    private final int count;
    private final DemoContacts contacts;

    DemoUsers(Faker faker, Random random, int count) {
        this.faker = faker;
        this.random = random;
        this.count = count;
        this.contacts = new DemoContacts(faker, random, count);
    }

    Accounts write(Connection c) throws SQLException {
        Instant[] createdAt = new Instant[count];
        String[] status = new String[count];
        try (CopyWriter copy = CopyWriter.open(c, "users",
                "email, name, phone, status, birth_date, profile, avatar, created_at, updated_at")) {
            for (int i = 0; i < count; i++) {
                String first = faker.name().firstName();
                String last = faker.name().lastName();
                createdAt[i] = DemoTime.between(random, DemoTime.daysBeforeAnchor(SIGNUP_WINDOW_DAYS), DemoTime.ANCHOR);
                status[i] = status();
                copy.row(email(first, last, i + 1), first + " " + last, phone(), status[i], birthDate(), profile(),
                        avatar(), createdAt[i], DemoTime.between(random, createdAt[i], DemoTime.ANCHOR));
            }
            copy.finish();
        }
        return new Accounts(assignedIds(c, count), createdAt, status);
    }

    /** The sequence number makes every email unique however often Datafaker repeats a name. */
    private String email(String first, String last, int sequence) {
        String domain = random.nextInt(10) < 7
                ? FREE_MAIL[random.nextInt(FREE_MAIL.length)]
                : faker.internet().domainName().toLowerCase(Locale.ROOT);
        return slug(first) + "." + slug(last) + sequence + "@" + domain;
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return slug.isEmpty() ? "user" : slug;
    }

    private String status() {
        int roll = random.nextInt(100);
        if (roll < 80) {
            return "active";
        }
        if (roll < 88) {
            return "pending";
        }
        return roll < 96 ? "suspended" : "deleted";
    }

    private String phone() {
        return random.nextInt(10) == 0 ? null : contacts.phone();
    }

    private LocalDate birthDate() {
        if (random.nextInt(100) < 15) {
            return null;
        }
        LocalDate anchor = LocalDate.ofInstant(DemoTime.ANCHOR, ZoneOffset.UTC);
        return anchor.minusYears(18).minusDays(random.nextInt(62 * 365));
    }

    private String profile() {
        boolean employed = random.nextInt(3) > 0;
        return Json.object(
                "address", contacts.address(),
                "locale", LOCALES[random.nextInt(LOCALES.length)],
                "timezone", faker.address().timeZone(),
                "company", employed ? faker.company().name() : null,
                "job_title", employed ? faker.job().title() : null,
                "marketing_opt_in", random.nextBoolean());
    }

    /** Most accounts never upload a picture; the rest get a small PNG-looking blob. */
    private byte[] avatar() {
        if (random.nextInt(4) != 0) {
            return null;
        }
        byte[] png = new byte[64 + random.nextInt(192)];
        random.nextBytes(png);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, png, 0, signature.length);
        return png;
    }

    /** Identity values follow COPY's row order, so the i-th id read back belongs to the i-th row written. */
    private static long[] assignedIds(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM users ORDER BY id")) {
            int i = 0;
            while (rs.next() && i < count) {
                ids[i++] = rs.getLong(1);
            }
            if (i != count) {
                throw new IllegalStateException("expected " + count + " users after COPY, found " + i);
            }
        }
        return ids;
    }
}
