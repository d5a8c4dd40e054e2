package dev.nightshift.sync.export;

import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.masking.TableRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tables a live source spools in COPY binary format ({@link LiveExtractor#binary}). */
class CopyFormatChoiceTest {

    static SourceCatalog.Leaf orders(List<String> types, List<String> primaryKey) {
        return new SourceCatalog.Leaf("public", "orders", "public.orders", List.of("id", "placed_at", "note", "ref"),
                100, types, primaryKey);
    }

    static TableRules masking(String column, ColumnRule rule) {
        return new TableRules(Map.of(column, rule), Set.of(), false, false, null);
    }

    static final List<String> TYPES = List.of("int8", "timestamptz", "text", "uuid");

    @Test
    void binaryWhenEveryColumnTheMaskingReadsHasACodec() {
        // a template over the id, the kept timestamp is never decoded
        assertThat(TableParts.binary(orders(TYPES, List.of("id")),
                masking("note", ColumnRule.of("template", "template", "note {id} {ref}")))).isTrue();
    }

    @Test
    void textWhenTheMaskingReadsATypeWithoutACodec() {
        assertThat(TableParts.binary(orders(TYPES, List.of("id")),
                masking("note", ColumnRule.of("template", "template", "placed {placed_at}")))).isFalse();
        assertThat(TableParts.binary(orders(TYPES, List.of("id")), masking("placed_at", ColumnRule.of("null"))))
                .isFalse();
    }

    @Test
    void textWhenTheLeakScanCannotReadThePrimaryKey() {
        assertThat(TableParts.binary(orders(TYPES, List.of("id", "placed_at")), masking("note", ColumnRule.of("null"))))
                .isFalse();
    }

    @Test
    void textWhenAColumnHasNoPortableBinaryForm() {
        // '' = a user-defined type, a composite, an array of an enum (see SourceCatalog)
        assertThat(TableParts.binary(orders(List.of("int8", "timestamptz", "text", ""), List.of("id")),
                new TableRules(Map.of(), Set.of(), true, false, null))).isFalse();
    }
}
