package dev.nightshift.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("user")).isEqualTo("\"user\"");
        assertThat(Identifiers.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(Identifiers.quote("public", "Order Items")).isEqualTo("\"public\".\"Order Items\"");
    }

    @Test
    void rejectsEmptyAndNul() {
        assertThatThrownBy(() -> Identifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
