package dev.nightshift.testsupport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestServerSourceTest {

    @Test
    void autoTakesAContainerWhenDockerAnswersAndTheLocalInstallationOtherwise() {
        assertThat(TestServerSource.choose(null, () -> true)).isEqualTo(TestServerSource.CONTAINER);
        assertThat(TestServerSource.choose("auto", () -> false)).isEqualTo(TestServerSource.LOCAL);
        assertThat(TestServerSource.choose(" ", () -> false)).isEqualTo(TestServerSource.LOCAL);
    }

    @Test
    void localNeverAsksDocker() {
        // given
        AtomicInteger asked = new AtomicInteger();

        // when
        TestServerSource source = TestServerSource.choose("LOCAL", () -> asked.incrementAndGet() > 0);

        // then
        assertThat(source).isEqualTo(TestServerSource.LOCAL);
        assertThat(asked).hasValue(0);
    }

    @Test
    void aContainerAskedForWithoutDockerIsAnErrorThatSaysWhatToDo() {
        assertThat(TestServerSource.choose("container", () -> true)).isEqualTo(TestServerSource.CONTAINER);
        assertThatThrownBy(() -> TestServerSource.choose("container", () -> false))
                .hasMessageContaining("no Docker engine answers").hasMessageContaining("NIGHTSHIFT_TEST_POSTGRES=local");
        assertThatThrownBy(() -> TestServerSource.choose("podman", () -> true)).hasMessageContaining("auto, local or container");
    }
}
