package dev.nightshift.sync.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The secret every derived masked value is keyed with. It comes from the environment or a secret file and
 * never from the rules file, which lives in the repository: whoever knows the salt can confirm a guessed
 * original by masking it. Short salts are refused because they can be guessed the same way.
 */
public final class MaskingSalt {

    static final int MIN_BYTES = 16;

    private MaskingSalt() {
    }

    public static byte[] fromEnvironment(String variableName) {
        return fromEnvironment(variableName, System::getenv);
    }

    static byte[] fromEnvironment(String variableName, UnaryOperator<String> environment) {
        String value = environment.apply(variableName);
        if (value == null || value.isEmpty()) {
            throw new MaskingRulesException("the masking salt environment variable " + variableName + " is not set or empty");
        }
        return checked(value.getBytes(StandardCharsets.UTF_8), "environment variable " + variableName);
    }

    public static byte[] fromFile(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MaskingRulesException("cannot read the masking salt file " + file + " (" + e + ")", e);
        }
        // editors and `echo` add a line break nobody means as part of the secret
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new MaskingRulesException("the masking salt file " + file + " is empty");
        }
        return checked(Arrays.copyOf(content, end), "file " + file);
    }

    private static byte[] checked(byte[] salt, String source) {
        if (salt.length < MIN_BYTES) {
            throw new MaskingRulesException("the masking salt in " + source + " has " + salt.length
                    + " bytes; use at least " + MIN_BYTES + " (e.g. openssl rand -hex 32)");
        }
        return salt;
    }
}
