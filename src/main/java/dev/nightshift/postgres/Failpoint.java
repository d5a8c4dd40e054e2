package dev.nightshift.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points in the steps that must survive a crash anywhere (the swaps), where a test can stop the process
 * as a kill or an error would: {@code NIGHTSHIFT_FAILPOINT=sync.swap.after-block} (or the system property
 * {@code nightshift.failpoint}) halts the JVM there with exit code 137, as a SIGKILL would;
 * {@code ...=sync.swap.after-block:throw} throws instead. Unset, a failpoint costs a string comparison.
 */
public final class Failpoint {

    private static final Logger log = LoggerFactory.getLogger(Failpoint.class);

    private Failpoint() {
    }

    public static void reach(String name) {
        String armed = System.getProperty("nightshift.failpoint", System.getenv("NIGHTSHIFT_FAILPOINT"));
        if (armed == null || !armed.startsWith(name)) {
            return;
        }
        if (armed.equals(name)) {
            log.error("failpoint {}: halting the process", name);
            Runtime.getRuntime().halt(137);
        } else if (armed.equals(name + ":throw")) {
            throw new IllegalStateException("failpoint " + name + " reached");
        }
    }
}
