package dev.nightshift.config;

/**
 * Whether an environment's server may hold unmasked production data. Data of a {@code production} environment
 * reaches a {@code masked} one only through the masked sync.
 */
public enum DataClass {
    /** May hold unmasked production data: production itself, its replicas, a disaster-recovery copy. */
    PRODUCTION,
    /** Holds masked or made-up data only: staging, dev, a laptop. */
    MASKED
}
