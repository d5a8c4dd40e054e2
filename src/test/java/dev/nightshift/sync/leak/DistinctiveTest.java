package dev.nightshift.sync.leak;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DistinctiveTest {

    @ParameterizedTest
    @ValueSource(strings = {"mary", "paris", "1", "shipped", "2024-05-01", "2024-05-01 10:00:00+00", "12345678901",
            "-3.25", "aaaaaaaaaaaa", "10:15:00", "true"})
    void commonValuesAreNotEvidence(String value) {
        assertThat(Distinctive.test(Fingerprinter.normalize(value))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.io", "mary.smith@corp.example", "mary smith", "10.20.30.40", "+49 170 1234567",
            "9f86d081884c7d659a2feaa0c55ad015", "12 main street"})
    void personalAndRandomValuesAre(String value) {
        assertThat(Distinctive.test(Fingerprinter.normalize(value))).isTrue();
    }
}
