package dev.nightshift.backup;

import dev.nightshift.config.RetentionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class RetentionPolicyTest {

    private static final RetentionProperties DEFAULTS = new RetentionProperties(3, 24, 7, 4, 6);
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    // written out here rather than borrowed from RetentionCandidate, so the expectations do not share its bugs
    private static final Comparator<RetentionCandidate> LATEST_FIRST =
            Comparator.comparing((RetentionCandidate b) -> b.startedAt()).thenComparingLong(b -> b.id()).reversed();

    // --- a year of hourly backups, checked against a brute-force model --------------------------------------

    static Stream<Arguments> aYearOfBackups() {
        return Stream.of(
                Arguments.of(UTC, DEFAULTS),
                Arguments.of(BERLIN, DEFAULTS),
                Arguments.of(BERLIN, new RetentionProperties(1, 48, 30, 10, 12)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("aYearOfBackups")
    void aYearOfHourlyBackupsWithFailuresKeepsExactlyWhatTheRulesDescribe(ZoneId zone, RetentionProperties rules) {
        // given: a year of hourly attempts, some never published, some failing verification,
        // a six-hour outage shortly before the end and an unverified newest backup
        int attempts = 365 * 24;
        int last = attempts - 1;
        List<RetentionCandidate> history = BackupHistory.hourly("2026-01-01T00:00:07Z", attempts)
                .randomly(20261121L, 0.05, 0.03)
                .failedAttempts(last - 12, last - 6)
                .unverifiedAttempts(last, last - 3)
                .build();
        Collections.shuffle(history, new Random(7));
        RetentionCandidate newestVerified = history.stream().filter(RetentionCandidate::verified)
                .min(LATEST_FIRST).orElseThrow();
        Set<Long> unverified = idSet(history.stream().filter(b -> !b.verified()).toList());
        assertThat(history).hasSizeBetween(attempts * 9 / 10, attempts - 6);
        assertThat(unverified).hasSizeGreaterThan(100);

        // when
        RetentionPlan plan = new RetentionPolicy(rules, zone).plan(history);

        // then
        Set<Long> expected = keptByBruteForce(history, rules, zone);
        assertThat(plan.keep()).hasSize(expected.size());
        assertThat(idSet(plan.keep().keySet())).isEqualTo(expected);
        assertThat(plan.keep().keySet()).allMatch(RetentionCandidate::verified).contains(newestVerified);
        assertThat(plan.keep().get(newestVerified)).first().isEqualTo("newest verified");
        assertThat(idSet(plan.delete())).containsAll(unverified);
        assertThat(plan.keep().size() + plan.delete().size()).isEqualTo(history.size());
        assertThat(List.copyOf(plan.keep().keySet())).isSortedAccordingTo(LATEST_FIRST);
        assertThat(plan.delete()).isSortedAccordingTo(LATEST_FIRST);

        List<RetentionCandidate> keptHourly = keptFor(plan, "hourly ");
        assertThat(keptHourly).hasSize(rules.hourly());
        assertThat(keptHourly.get(keptHourly.size() - 1).startedAt())
                .as("the outage and the unverified hours do not use up hourly slots")
                .isBefore(newestVerified.startedAt().minus(Duration.ofHours(rules.hourly())));
        assertThat(keptFor(plan, "daily ")).hasSize(rules.daily());
        assertThat(keptFor(plan, "weekly ")).hasSize(rules.weekly());
        assertThat(keptFor(plan, "monthly ")).hasSize(rules.monthly());
    }

    /**
     * The rules restated as "group every verified backup by its bucket, then take the newest backup of the
     * latest N buckets that have one".
     */
    private static Set<Long> keptByBruteForce(List<RetentionCandidate> history, RetentionProperties rules, ZoneId zone) {
        List<RetentionCandidate> verified = history.stream().filter(RetentionCandidate::verified)
                .sorted(LATEST_FIRST).toList();
        Set<Long> kept = new HashSet<>();
        kept.add(verified.get(0).id());
        kept.addAll(idSet(verified.subList(0, Math.min(rules.keepLast(), verified.size()))));
        // whole-hour offsets in UTC and Berlin: a local hour is a UTC hour, and the repeated one stays two hours
        kept.addAll(newestOfLatestBuckets(verified, rules.hourly(), b -> b.startedAt().truncatedTo(ChronoUnit.HOURS)));
        kept.addAll(newestOfLatestBuckets(verified, rules.daily(), b -> b.startedAt().atZone(zone).toLocalDate()));
        kept.addAll(newestOfLatestBuckets(verified, rules.weekly(), b -> b.startedAt().atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))));
        kept.addAll(newestOfLatestBuckets(verified, rules.monthly(), b -> YearMonth.from(b.startedAt().atZone(zone))));
        return kept;
    }

    private static <K extends Comparable<K>> Set<Long> newestOfLatestBuckets(
            List<RetentionCandidate> verified, int buckets, Function<RetentionCandidate, K> bucketOf) {
        TreeMap<K, RetentionCandidate> newestPerBucket = new TreeMap<>();
        for (RetentionCandidate backup : verified) {
            newestPerBucket.merge(bucketOf.apply(backup), backup,
                    (a, b) -> LATEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        return idSet(newestPerBucket.descendingMap().values().stream().limit(buckets).toList());
    }

    // --- single rules ---------------------------------------------------------------------------------------

    @Test
    void keepLastOnlyKeepsTheNewestVerifiedAndDeletesTheRestNewestFirst() {
        // given: 20 hourly attempts, the newest and the third newest unverified, the second newest never published
        List<RetentionCandidate> history = BackupHistory.hourly("2026-11-20T00:00:00Z", 20)
                .failedAttempts(18, 19)
                .unverifiedAttempts(19, 17)
                .build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(5, 0, 0, 0, 0), UTC).plan(history);

        // then
        assertThat(plan.keep()).containsExactly(
                entry(byId(history, 16), List.of("newest verified", "keep-last 1/5")),
                entry(byId(history, 15), List.of("keep-last 2/5")),
                entry(byId(history, 14), List.of("keep-last 3/5")),
                entry(byId(history, 13), List.of("keep-last 4/5")),
                entry(byId(history, 12), List.of("keep-last 5/5")));
        assertThat(idList(plan.delete())).containsExactly(19L, 17L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
    }

    @Test
    void allRulesAtZeroKeepOnlyTheNewestVerified() {
        // given
        List<RetentionCandidate> history = BackupHistory.hourly("2026-11-20T00:00:00Z", 48).unverifiedAttempts(47).build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 0, 0, 0, 0), UTC).plan(history);

        // then
        assertThat(plan.keep()).containsExactly(entry(byId(history, 46), List.of("newest verified")));
        assertThat(plan.delete()).hasSize(47);
    }

    @Test
    void hourlyBucketsSkipHoursWithoutAVerifiedBackupAndKeepTheNewestOfEachHour() {
        // given: hour 12 has no backup, hour 11 only an unverified one, hours 10 and 13 two backups each
        RetentionCandidate nine = backup(1, "2026-11-21T09:00:00Z", true);
        RetentionCandidate ten = backup(2, "2026-11-21T10:00:00Z", true);
        RetentionCandidate tenForty = backup(3, "2026-11-21T10:40:00Z", true);
        RetentionCandidate eleven = backup(4, "2026-11-21T11:00:00Z", false);
        RetentionCandidate thirteen = backup(5, "2026-11-21T13:00:00Z", true);
        RetentionCandidate thirteenTwenty = backup(6, "2026-11-21T13:20:00Z", true);

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 3, 0, 0, 0), UTC)
                .plan(List.of(nine, ten, tenForty, eleven, thirteen, thirteenTwenty));

        // then
        assertThat(plan.keep()).containsExactly(
                entry(thirteenTwenty, List.of("newest verified", "hourly 2026-11-21T13")),
                entry(tenForty, List.of("hourly 2026-11-21T10")),
                entry(nine, List.of("hourly 2026-11-21T09")));
        assertThat(plan.delete()).containsExactly(thirteen, eleven, ten);
    }

    @Test
    void equalStartTimesAreOrderedByIdWhateverTheInputOrder() {
        // given
        RetentionCandidate lower = backup(7, "2026-11-21T14:00:00Z", true);
        RetentionCandidate higher = backup(8, "2026-11-21T14:00:00Z", true);
        RetentionPolicy policy = new RetentionPolicy(new RetentionProperties(1, 0, 0, 0, 0), UTC);

        // when
        RetentionPlan forwards = policy.plan(List.of(lower, higher));
        RetentionPlan backwards = policy.plan(List.of(higher, lower));

        // then
        assertThat(forwards.keep()).containsOnlyKeys(higher);
        assertThat(forwards.delete()).containsExactly(lower);
        assertThat(backwards).isEqualTo(forwards);
    }

    // --- unverified backups ---------------------------------------------------------------------------------

    @Test
    void anUnverifiedNewestBackupIsDeletedAndTheOlderVerifiedOneKept() {
        // given
        RetentionCandidate older = backup(1, "2026-11-21T13:00:00Z", true);
        RetentionCandidate newest = backup(2, "2026-11-21T14:00:00Z", false);

        // when
        RetentionPlan plan = new RetentionPolicy(DEFAULTS, UTC).plan(List.of(older, newest));

        // then
        assertThat(plan.keep()).containsOnlyKeys(older);
        assertThat(plan.keep().get(older)).startsWith("newest verified", "keep-last 1/3", "hourly 2026-11-21T13");
        assertThat(plan.delete()).containsExactly(newest);
    }

    @Test
    void withoutAnyVerifiedBackupNothingIsDeleted() {
        // given
        List<RetentionCandidate> history = BackupHistory.hourly("2026-11-20T00:00:00Z", 30)
                .unverifiedAttempts(IntStream.range(0, 30).toArray())
                .build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 0, 0, 0, 0), UTC).plan(history);

        // then
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.keep()).hasSize(30);
        assertThat(List.copyOf(plan.keep().keySet())).isSortedAccordingTo(LATEST_FIRST);
        assertThat(plan.keep().values()).allMatch(reasons -> reasons.equals(
                List.of("no verified backup exists, nothing is deleted")));
    }

    @Test
    void anEmptyCatalogGivesAnEmptyPlan() {
        RetentionPlan plan = new RetentionPolicy(DEFAULTS, UTC).plan(List.of());

        assertThat(plan.keep()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.describe()).isEqualTo("no backups\n");
    }

    // --- calendar buckets -----------------------------------------------------------------------------------

    @Test
    void weeklyBucketsFollowTheIsoWeekBasedYearAcrossNewYear() {
        // given: one backup a day at noon from Monday 2026-12-14 to Sunday 2027-01-10;
        // 2026-12-28 .. 2027-01-03 is 2026-W53, 2027-01-04 .. 2027-01-10 is 2027-W01
        List<RetentionCandidate> history = BackupHistory.daily("2026-12-14T12:00:00Z", 28).build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 0, 0, 3, 0), UTC).plan(history);

        // then
        assertThat(startsAndReasons(plan)).containsExactly(
                entry(Instant.parse("2027-01-10T12:00:00Z"), List.of("newest verified", "weekly 2027-W01")),
                entry(Instant.parse("2027-01-03T12:00:00Z"), List.of("weekly 2026-W53")),
                entry(Instant.parse("2026-12-27T12:00:00Z"), List.of("weekly 2026-W52")));
        assertThat(plan.delete()).extracting(RetentionCandidate::startedAt).contains(
                Instant.parse("2026-12-31T12:00:00Z"), Instant.parse("2027-01-01T12:00:00Z"));
    }

    @Test
    void theLastDaysOfADecemberCanBelongToWeekOneOfTheNextYear() {
        // given: Sunday 2029-12-30 ends 2029-W52, Monday 2029-12-31 starts 2030-W01
        RetentionCandidate sunday = backup(1, "2029-12-30T12:00:00Z", true);
        RetentionCandidate monday = backup(2, "2029-12-31T12:00:00Z", true);

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 0, 0, 2, 0), UTC).plan(List.of(sunday, monday));

        // then
        assertThat(plan.keep()).containsExactly(
                entry(monday, List.of("newest verified", "weekly 2030-W01")),
                entry(sunday, List.of("weekly 2029-W52")));
    }

    @Test
    void dailyBucketsAreCalendarDaysInTheZoneWhenTheClocksGoBack() {
        // given: around the end of summer time in Berlin (2026-10-25 03:00 CEST -> 02:00 CET)
        RetentionCandidate oct24Late = backup(1, "2026-10-24T21:30:00Z", true);      // Berlin 10-24 23:30 CEST
        RetentionCandidate oct25Early = backup(2, "2026-10-24T22:30:00Z", true);     // Berlin 10-25 00:30 CEST
        RetentionCandidate oct25Late = backup(3, "2026-10-25T22:30:00Z", true);      // Berlin 10-25 23:30 CET
        RetentionCandidate oct26Early = backup(4, "2026-10-25T23:30:00Z", true);     // Berlin 10-26 00:30 CET
        List<RetentionCandidate> history = List.of(oct24Late, oct25Early, oct25Late, oct26Early);
        RetentionProperties twoDays = new RetentionProperties(0, 0, 2, 0, 0);

        // when
        RetentionPlan inBerlin = new RetentionPolicy(twoDays, BERLIN).plan(history);
        RetentionPlan inUtc = new RetentionPolicy(twoDays, UTC).plan(history);

        // then
        assertThat(inBerlin.keep()).containsExactly(
                entry(oct26Early, List.of("newest verified", "daily 2026-10-26")),
                entry(oct25Late, List.of("daily 2026-10-25")));
        assertThat(inUtc.keep()).containsExactly(
                entry(oct26Early, List.of("newest verified", "daily 2026-10-25")),
                entry(oct25Early, List.of("daily 2026-10-24")));
    }

    @Test
    void aDayWithTwentyThreeHoursIsStillOneDailyBucketWhenTheClocksGoForward() {
        // given: hourly backups around the start of summer time in Berlin (2026-03-29 02:00 CET -> 03:00 CEST)
        List<RetentionCandidate> history = BackupHistory.hourly("2026-03-27T00:00:00Z", 96).build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 0, 4, 0, 0), BERLIN).plan(history);

        // then: the newest backup of each Berlin day is the one at 23:00 local time
        assertThat(startsAndReasons(plan)).containsExactly(
                entry(Instant.parse("2026-03-30T23:00:00Z"), List.of("newest verified", "daily 2026-03-31")),
                entry(Instant.parse("2026-03-30T21:00:00Z"), List.of("daily 2026-03-30")),
                entry(Instant.parse("2026-03-29T21:00:00Z"), List.of("daily 2026-03-29")),
                entry(Instant.parse("2026-03-28T22:00:00Z"), List.of("daily 2026-03-28")));
    }

    @Test
    void theRepeatedHourWhenTheClocksGoBackCountsAsTwoHourlyBuckets() {
        // given: Berlin 01:00 CEST, 02:00 CEST, 02:00 CET, 03:00 CET
        List<RetentionCandidate> history = BackupHistory.hourly("2026-10-24T23:00:00Z", 4).build();

        // when
        RetentionPlan plan = new RetentionPolicy(new RetentionProperties(0, 3, 0, 0, 0), BERLIN).plan(history);

        // then
        assertThat(startsAndReasons(plan)).containsExactly(
                entry(Instant.parse("2026-10-25T02:00:00Z"), List.of("newest verified", "hourly 2026-10-25T03")),
                entry(Instant.parse("2026-10-25T01:00:00Z"), List.of("hourly 2026-10-25T02+01:00")),
                entry(Instant.parse("2026-10-25T00:00:00Z"), List.of("hourly 2026-10-25T02+02:00")));
        assertThat(plan.delete()).extracting(RetentionCandidate::startedAt)
                .containsExactly(Instant.parse("2026-10-24T23:00:00Z"));
    }

    // --- configuration and report ---------------------------------------------------------------------------

    static Stream<Arguments> negativeRules() {
        return Stream.of(
                Arguments.of(new RetentionProperties(-1, 24, 7, 4, 6), "nightshift.backup.retention.keep-last must be 0 or more, was -1"),
                Arguments.of(new RetentionProperties(3, -2, 7, 4, 6), "nightshift.backup.retention.hourly must be 0 or more, was -2"),
                Arguments.of(new RetentionProperties(3, 24, -1, 4, 6), "nightshift.backup.retention.daily must be 0 or more, was -1"),
                Arguments.of(new RetentionProperties(3, 24, 7, -4, 6), "nightshift.backup.retention.weekly must be 0 or more, was -4"),
                Arguments.of(new RetentionProperties(3, 24, 7, 4, -6), "nightshift.backup.retention.monthly must be 0 or more, was -6"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("negativeRules")
    void aNegativeRuleIsRejectedNamingTheProperty(RetentionProperties rules, String message) {
        assertThatThrownBy(() -> new RetentionPolicy(rules, UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void describeListsEveryBackupNewestFirstWithItsReasonsInUtc() {
        // given
        List<RetentionCandidate> history = List.of(
                backup(7, "2026-10-01T03:00:00Z", true),
                backup(39, "2026-11-21T12:00:03Z", true),
                backup(40, "2026-11-21T13:00:03Z", true),
                backup(41, "2026-11-21T13:30:00Z", false),
                backup(42, "2026-11-21T14:00:03Z", true));
        RetentionProperties rules = new RetentionProperties(2, 2, 1, 0, 0);

        // when
        String inUtc = new RetentionPolicy(rules, UTC).plan(history).describe();
        String inBerlin = new RetentionPolicy(rules, BERLIN).plan(history).describe();

        // then
        assertThat(inUtc).isEqualTo("""
                keep   #42  2026-11-21 14:00:03Z  newest verified, keep-last 1/2, hourly 2026-11-21T14, daily 2026-11-21
                delete #41  2026-11-21 13:30:00Z  unverified
                keep   #40  2026-11-21 13:00:03Z  keep-last 2/2, hourly 2026-11-21T13
                delete #39  2026-11-21 12:00:03Z  verified, no rule keeps it
                delete #7   2026-10-01 03:00:00Z  verified, no rule keeps it
                """);
        assertThat(inBerlin.lines().findFirst()).hasValue(
                "keep   #42  2026-11-21 14:00:03Z  newest verified, keep-last 1/2, hourly 2026-11-21T15, daily 2026-11-21");
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    private static RetentionCandidate backup(long id, String startedAt, boolean verified) {
        return new RetentionCandidate(id, Instant.parse(startedAt), verified);
    }

    private static RetentionCandidate byId(Collection<RetentionCandidate> backups, long id) {
        return backups.stream().filter(b -> b.id() == id).findFirst().orElseThrow();
    }

    private static Set<Long> idSet(Collection<RetentionCandidate> backups) {
        return backups.stream().map(RetentionCandidate::id).collect(Collectors.toSet());
    }

    private static List<Long> idList(Collection<RetentionCandidate> backups) {
        return backups.stream().map(RetentionCandidate::id).toList();
    }

    private static List<RetentionCandidate> keptFor(RetentionPlan plan, String reasonPrefix) {
        return plan.keep().entrySet().stream()
                .filter(kept -> kept.getValue().stream().anyMatch(reason -> reason.startsWith(reasonPrefix)))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Map<Instant, List<String>> startsAndReasons(RetentionPlan plan) {
        return plan.keep().entrySet().stream().collect(Collectors.toMap(kept -> kept.getKey().startedAt(),
                Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * A catalog as a schedule would leave it: one attempt per period, attempt {@code i} published as backup
     * {@code #i} unless it failed outright; published ones may have failed verification.
     */
    static final class BackupHistory {

        private final Instant first;
        private final Duration period;
        private final int attempts;
        private final Set<Integer> failed = new HashSet<>();
        private final Set<Integer> unverified = new HashSet<>();

        private BackupHistory(Instant first, Duration period, int attempts) {
            this.first = first;
            this.period = period;
            this.attempts = attempts;
        }

        static BackupHistory hourly(String first, int attempts) {
            return new BackupHistory(Instant.parse(first), Duration.ofHours(1), attempts);
        }

        static BackupHistory daily(String first, int attempts) {
            return new BackupHistory(Instant.parse(first), Duration.ofDays(1), attempts);
        }

        /** Fails and unverifies attempts at random, reproducibly for one seed. */
        BackupHistory randomly(long seed, double failureRate, double unverifiedRate) {
            Random random = new Random(seed);
            for (int i = 0; i < attempts; i++) {
                double roll = random.nextDouble();
                if (roll < failureRate) {
                    failed.add(i);
                } else if (roll < failureRate + unverifiedRate) {
                    unverified.add(i);
                }
            }
            return this;
        }

        /** Attempts {@code from} (inclusive) to {@code to} (exclusive) leave no catalog entry. */
        BackupHistory failedAttempts(int from, int to) {
            for (int i = from; i < to; i++) {
                failed.add(i);
                unverified.remove(i);
            }
            return this;
        }

        BackupHistory unverifiedAttempts(int... attempts) {
            for (int i : attempts) {
                unverified.add(i);
                failed.remove(i);
            }
            return this;
        }

        List<RetentionCandidate> build() {
            List<RetentionCandidate> catalog = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                if (!failed.contains(i)) {
                    catalog.add(new RetentionCandidate(i, first.plus(period.multipliedBy(i)), !unverified.contains(i)));
                }
            }
            return catalog;
        }
    }
}
