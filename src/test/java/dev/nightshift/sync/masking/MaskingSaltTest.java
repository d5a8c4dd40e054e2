package dev.nightshift.sync.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaskingSaltTest {

    private static final String SECRET = "a-long-enough-secret-salt";

    @Test
    void readsTheVariable() {
        byte[] salt = MaskingSalt.fromEnvironment("NS_SALT", Map.of("NS_SALT", SECRET)::get);

        assertThat(new String(salt, StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void missingEmptyOrShortVariableIsNamed() {
        assertThatThrownBy(() -> MaskingSalt.fromEnvironment("NS_SALT", name -> null))
                .isInstanceOf(MaskingRulesException.class)
                .hasMessage("the masking salt environment variable NS_SALT is not set or empty");
        assertThatThrownBy(() -> MaskingSalt.fromEnvironment("NS_SALT", name -> ""))
                .hasMessage("the masking salt environment variable NS_SALT is not set or empty");
        assertThatThrownBy(() -> MaskingSalt.fromEnvironment("NS_SALT", name -> "short"))
                .hasMessage("the masking salt in environment variable NS_SALT has 5 bytes; use at least 16"
                        + " (e.g. openssl rand -hex 32)");
    }

    @Test
    void readsTheFileWithoutItsTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("salt"), SECRET + "\n");

        assertThat(new String(MaskingSalt.fromFile(file), StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void missingOrEmptyFileIsNamed(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path absent = dir.resolve("absent");

        assertThatThrownBy(() -> MaskingSalt.fromFile(empty)).hasMessage("the masking salt file " + empty + " is empty");
        assertThatThrownBy(() -> MaskingSalt.fromFile(absent))
                .hasMessageStartingWith("cannot read the masking salt file " + absent);
    }
}
