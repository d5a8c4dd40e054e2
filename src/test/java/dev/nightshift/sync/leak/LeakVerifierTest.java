package dev.nightshift.sync.leak;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeakVerifierTest {

    private static final byte[] SALT = "leak-verifier-test-salt".getBytes(StandardCharsets.UTF_8);

    private static LeakVerifier verifierOf(String table, String column, String... originals) {
        LeakVerifier.Builder builder = LeakVerifier.builder(SALT, 10);
        int source = builder.source(table, column);
        try (LeakVerifier.Collector collector = builder.collector()) {
            for (String original : originals) {
                collector.add(source, original, ValueParts.TEXT);
            }
        }
        return builder.build();
    }

    private static List<String> hits(LeakVerifier verifier, String value, ValueParts parts) {
        List<String> hits = new ArrayList<>();
        verifier.searcher().search(value, parts, (source, inside) ->
                hits.add(verifier.source(source) + (inside ? " inside" : " whole")));
        return hits;
    }

    @Test
    void findsAnOriginalWholeInsideTextJsonAndArraysWhateverTheCase() {
        // given the originals of users.email and users.name
        LeakVerifier.Builder builder = LeakVerifier.builder(SALT, 10);
        int email = builder.source("public.users", "email");
        int name = builder.source("public.users", "name");
        try (LeakVerifier.Collector collector = builder.collector()) {
            collector.add(email, "Mary.Smith@corp.example", ValueParts.TEXT);
            collector.add(name, "Mary Smith", ValueParts.TEXT);
        }
        LeakVerifier verifier = builder.build();

        // then each way a value can be copied is found, naming the column it came from
        assertThat(hits(verifier, "mary.smith@corp.example", ValueParts.TEXT)).containsExactly("public.users.email whole");
        assertThat(hits(verifier, "write to MARY.SMITH@corp.example.", ValueParts.TEXT))
                .containsExactly("public.users.email inside");
        assertThat(hits(verifier, "{\"note\": {\"by\": \"Mary Smith\"}, \"n\": 1}", ValueParts.JSON))
                .containsExactly("public.users.name whole");
        assertThat(hits(verifier, "{admin,\"Mary Smith\",NULL}", ValueParts.TEXT_ARRAY))
                .containsExactly("public.users.name whole");
        assertThat(hits(verifier, "{\"{\\\"to\\\": \\\"mary.smith@corp.example\\\"}\"}", ValueParts.JSON_ARRAY))
                .containsExactly("public.users.email whole");
        assertThat(hits(verifier, "{\"MARY.SMITH@corp.example\": true, \"by\": \"Mary\\u0020Smith\"}", ValueParts.JSON))
                .containsExactly("public.users.email whole", "public.users.name whole");
        // and what merely resembles it is not
        assertThat(hits(verifier, "Mary Smithers", ValueParts.TEXT)).isEmpty();
        assertThat(hits(verifier, "user_1@test.example.com", ValueParts.TEXT)).isEmpty();
    }

    @Test
    void commonShortValuesAreNeitherFingerprintedNorLookedUp() {
        // given a masked first name "Mary" and a city "Paris"
        LeakVerifier verifier = verifierOf("public.users", "first_name", "Mary", "Paris", "1");

        // then the same words in a kept column are no evidence
        assertThat(verifier.size()).isZero();
        LeakVerifier.Searcher searcher = verifier.searcher();
        searcher.search("Mary", ValueParts.TEXT, (s, i) -> { throw new AssertionError("hit"); });
        assertThat(searcher.lookups()).isZero();
    }

    @Test
    void anotherSaltGivesOtherFingerprints() {
        // fingerprints are keyed: without the salt, a guessed value cannot be confirmed
        long one = new Fingerprinter(SALT).of("mary smith");
        long other = new Fingerprinter("another-salt-0123456789".getBytes(StandardCharsets.UTF_8)).of("mary smith");
        assertThat(one).isNotEqualTo(other);
    }
}
