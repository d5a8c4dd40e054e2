package dev.nightshift.jobs;

/**
 * A job declined to do anything, for example because another run of it holds the lock. Nothing was
 * touched, so a restart hint would mislead.
 */
public class JobRefusedException extends RuntimeException {

    public JobRefusedException(String message) {
        super(message);
    }
}
