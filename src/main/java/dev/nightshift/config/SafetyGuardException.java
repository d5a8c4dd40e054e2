package dev.nightshift.config;

/** A safety guard refused the operation (exit code 3); the message names the flag that would allow it. */
public class SafetyGuardException extends RuntimeException {

    public SafetyGuardException(String message) {
        super(message);
    }
}
