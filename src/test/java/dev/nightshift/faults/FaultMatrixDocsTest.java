package dev.nightshift.faults;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/faults.md is what {@link FaultCase} says, and every case has exactly one test that asserts it. To refresh
 * the page after changing a case: {@code ./mvnw test -Dtest=FaultMatrixDocsTest -Dnightshift.docs.write=true}.
 */
class FaultMatrixDocsTest {

    static final List<Class<?>> SUITE = List.of(BackupFaultsTest.class, RestoreFaultsTest.class,
            MigrationFaultsTest.class, SchemaMigrationFaultsTest.class, MaintenanceFaultsTest.class, SyncFaultsTest.class,
            SchedulerFaultsTest.class);

    @Test
    void faultsPageMatchesTheCases() throws Exception {
        // given
        String generated = FaultMatrixDocs.render();
        if (Boolean.getBoolean("nightshift.docs.write")) {
            Files.writeString(FaultMatrixDocs.PAGE, generated);
        }

        // when
        String committed = Files.exists(FaultMatrixDocs.PAGE) ? Files.readString(FaultMatrixDocs.PAGE) : "";

        // then
        assertThat(committed)
                .as("docs/faults.md is stale; regenerate it with: ./mvnw test -Dtest=FaultMatrixDocsTest -Dnightshift.docs.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyCaseIsAssertedByExactlyOneTest() {
        // given
        List<FaultCase> covered = new ArrayList<>();

        // when
        for (Class<?> type : SUITE) {
            for (Method method : type.getDeclaredMethods()) {
                Covers covers = method.getAnnotation(Covers.class);
                if (covers != null) {
                    assertThat(method.isAnnotationPresent(Test.class)).as(method + " is a test").isTrue();
                    covered.add(covers.value());
                }
            }
        }

        // then
        assertThat(covered).containsExactlyInAnyOrder(FaultCase.values());
        assertThat(Arrays.stream(FaultCase.values()).filter(c -> c.line.isBlank())).isEmpty();
    }
}
