package dev.nightshift.demo;

import net.datafaker.Faker;

import java.util.Random;

/**
 * Postal addresses and phone numbers. Addresses come from a pool of towns and streets built once per fill:
 * Datafaker resolves an address (or a phone number) in tens of microseconds, which alone would cost
 * seconds at 100,000 users, and real user bases repeat towns and streets anyway.
 */
final class DemoContacts {

    private static final int POOL_SIZE = 2_000;

    /** A town keeps its state and ZIP code together, so addresses stay plausible. */
    private record Town(String city, String state, String zip) {
    }

    private final Random random;
    private final Town[] towns;
    private final String[] streets;

    DemoContacts(Faker faker, Random random, int users) {
        this.random = random;
        int size = Math.max(1, Math.min(users, POOL_SIZE));
        towns = new Town[size];
        streets = new String[size];
        for (int i = 0; i < size; i++) {
            towns[i] = new Town(faker.address().city(), faker.address().stateAbbr(), faker.address().zipCode());
            streets[i] = faker.address().streetName();
        }
    }

    Json.Raw address() {
        Town town = towns[random.nextInt(towns.length)];
        String street = (1 + random.nextInt(9_999)) + " " + streets[random.nextInt(streets.length)];
        return Json.nested("street", street, "city", town.city(), "state", town.state(), "zip", town.zip(),
                "country", "US");
    }

    /** US numbers in the mix of formats people actually type into sign-up forms. */
    String phone() {
        int area = 201 + random.nextInt(788);
        int exchange = 201 + random.nextInt(788);
        int line = random.nextInt(10_000);
        return switch (random.nextInt(4)) {
            case 0 -> String.format("%d-%d-%04d", area, exchange, line);
            case 1 -> String.format("+1 %d %d %04d", area, exchange, line);
            default -> String.format("(%d) %d-%04d", area, exchange, line);
        };
    }
}
