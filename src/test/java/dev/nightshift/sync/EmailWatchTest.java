package dev.nightshift.sync;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EmailWatchTest {

    @Test
    void countsTheRowsHoldingAnOriginalAddressWhateverTheCase() {
        // given two originals, and rows with masked, original (in another case, inside json) and no addresses
        EmailWatch watch = new EmailWatch(Set.of("anna@corp.example", "bob@corp.example"));
        byte[] rows = ("""
                1\tuser_1@test.example.com\tkept
                2\tuser_2@test.example.com\t{"note": "wrote from Anna@Corp.Example"}
                3\tno address at all
                4\tbob@corp.example and bob@corp.example again
                5\tcarol@corp.example is not an original
                6\twrite to anna@corp.example.
                7\tnot anna@corp.example.org, nor xanna@corp.example, nor @corp.example
                """).getBytes(StandardCharsets.UTF_8);

        // when
        long found = watch.rowsWithOriginals(new CopyBlock(rows, rows.length, 7));

        // then rows 2, 4 and 6 (the full stop ends the sentence, not the address), each once
        assertThat(found).isEqualTo(3);
    }

    @Test
    void withoutOriginalsNothingIsSearched() {
        byte[] rows = "1\tanna@corp.example\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new EmailWatch(Set.of()).rowsWithOriginals(new CopyBlock(rows, rows.length, 1))).isZero();
    }
}
