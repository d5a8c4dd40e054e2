package dev.nightshift.maintenance;

import dev.nightshift.config.MaintenanceProperties;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VacuumCandidatesTest {

    private final MaintenanceProperties settings = MaintenanceWindowTest.defaults();

    @Test
    void namedFullTablesComeFirstThenTransactionIdAgeThenDeadTuplesAndHealthyTablesNotAtAll() {
        // given
        List<TableHealth> tables = List.of(
                table("few_dead", 100_000, 2_000, 1_000),          // 2 %: below vacuum-dead-percent
                table("some_dead", 10_000, 5_000, 1_000),
                table("many_dead", 10_000, 9_000, 1_000),
                table("old", 10, 0, 200_000_000),
                table("older", 10, 0, 300_000_000),
                table("rebuild_me", 10, 0, 1_000),
                table("tiny_but_dead", 10, 10, 1_000));          // 50 % but under vacuum-min-dead-tuples

        // when
        List<VacuumCandidate> candidates = VacuumCandidates.select(tables, settings, Set.of("public.rebuild_me"));

        // then
        assertThat(candidates).extracting(VacuumCandidate::table)
                .containsExactly("rebuild_me", "older", "old", "many_dead", "some_dead");
        assertThat(candidates.get(0).command()).isEqualTo("VACUUM (FULL, ANALYZE, SKIP_LOCKED) \"public\".\"rebuild_me\"");
        assertThat(candidates.get(1).command()).isEqualTo("VACUUM (ANALYZE, FREEZE, SKIP_LOCKED) \"public\".\"older\"");
        assertThat(candidates.get(3).command()).isEqualTo("VACUUM (ANALYZE, SKIP_LOCKED) \"public\".\"many_dead\"");
    }

    @Test
    void identifiersInTheCommandAreQuoted() {
        VacuumCandidate candidate = new VacuumCandidate("odd\"schema", "drop table x; --", "test", false, false);

        assertThat(candidate.command()).isEqualTo("VACUUM (ANALYZE, SKIP_LOCKED) \"odd\"\"schema\".\"drop table x; --\"");
    }

    private static TableHealth table(String name, long live, long dead, long xidAge) {
        return new TableHealth(1, "public", name, false, 8192, 0, 0, live, dead, 0, null, null, null, null, xidAge, live);
    }
}
