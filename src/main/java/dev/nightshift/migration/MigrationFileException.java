package dev.nightshift.migration;

import dev.nightshift.config.ConfigurationException;

/** A migration file or its parameters cannot work (exit 2): the message names the file, the field and the fix. */
public class MigrationFileException extends ConfigurationException {

    public MigrationFileException(String message) {
        super(message);
    }

    public MigrationFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
