package dev.nightshift.config;

/**
 * The configuration or the command line asks for something that cannot work (exit code 2). The message is
 * one line that says what is wrong and how to fix it.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
