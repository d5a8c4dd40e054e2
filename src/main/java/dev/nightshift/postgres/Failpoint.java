package dev.nightshift.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named points in the steps that must survive a crash anywhere (the swaps), where a test can stop the process
 * as a kill or an error would: {@code NIGHTSHIFT_FAILPOINT=sync.swap.after-block} (or the system property
 * {@code nightshift.failpoint}) halts the JVM there with exit code 137, as a SIGKILL would;
 * {@code ...=sync.swap.after-block:throw} throws instead, and {@code ...:hang} blocks the thread that reached it
 * until the process is killed (other threads go on: a test can kill at a moment that is otherwise a race). Unset, a failpoint costs a string comparison.
 * A test that runs Nightshift in its own JVM may instead {@link #whenReached run an action} at a failpoint (cut a
 * network connection through its proxy, say): the fault then happens exactly there, without sleeps.
 */
public final class Failpoint {

    private static final Logger log = LoggerFactory.getLogger(Failpoint.class);
    private static final Map<String, Runnable> ACTIONS = new ConcurrentHashMap<>();

    private Failpoint() {
    }

    /** Runs {@code action} every time {@code name} is reached in this JVM, until {@link #clearActions()}. */
    public static void whenReached(String name, Runnable action) {
        ACTIONS.put(name, action);
    }

    public static void clearActions() {
        ACTIONS.clear();
    }

    public static void reach(String name) {
        if (!ACTIONS.isEmpty()) {
            Runnable action = ACTIONS.get(name);
            if (action != null) {
                log.warn("failpoint {}: running the test's action", name);
                action.run();
            }
        }
        String armed = System.getProperty("nightshift.failpoint", System.getenv("NIGHTSHIFT_FAILPOINT"));
        if (armed == null || !armed.startsWith(name)) {
            return;
        }
        if (armed.equals(name)) {
            log.error("failpoint {}: halting the process", name);
            Runtime.getRuntime().halt(137);
        } else if (armed.equals(name + ":throw")) {
            throw new IllegalStateException("failpoint " + name + " reached");
        } else if (armed.equals(name + ":hang")) {
            log.error("failpoint {}: this thread waits to be killed", name);
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // a test kills the process; nothing here ends the wait
                }
            }
        }
    }
}
