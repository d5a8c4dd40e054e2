package dev.nightshift.sync.leak;

import dev.nightshift.sync.masking.ColumnRule;

import java.util.Map;
import java.util.Set;

/**
 * The fingerprints of a run's originals, and which masked columns are fake ones: a fake output may equal
 * some other row's original by chance (a fake name is somebody's real name), so a json document whose
 * masked parts are fake values is not failed for holding such a value.
 *
 * @param chance per source column: masked by fake values (for json: every path)
 */
public record Originals(LeakVerifier verifier, Set<Integer> chance, long values, long millis) {

    /**
     * Fake providers whose outputs and originals are a small set of common values (a city, a first name, a
     * zip code): such an original found elsewhere is no evidence of a leak, so they are not fingerprinted.
     */
    static final Set<String> COMMON_VALUE_PROVIDERS = Set.of("first_name", "last_name", "city", "zip", "country",
            "company", "birthday");

    public static boolean commonValues(ColumnRule rule) {
        return "fake".equals(rule.strategy())
                && COMMON_VALUE_PROVIDERS.contains(String.valueOf(rule.options().get("provider")));
    }

    @SuppressWarnings("unchecked")
    static boolean chance(ColumnRule rule) {
        if ("json".equals(rule.strategy()) && rule.options().get("paths") instanceof Map<?, ?> paths) {
            return ((Map<String, ColumnRule>) paths).values().stream().allMatch(Originals::chance);
        }
        return "fake".equals(rule.strategy());
    }
}
