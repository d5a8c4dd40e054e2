package dev.nightshift.faults;

import dev.nightshift.postgres.Failpoint;
import dev.nightshift.testsupport.CliResult;
import dev.nightshift.testsupport.FaultProxy;
import dev.nightshift.testsupport.NightshiftFixture;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps the stalled-server cases share. */
final class Stalls {

    /** The stall timeout of those cases. */
    static final String TWO_SECONDS = "connections: {stall-timeout: 2s}";

    private Stalls() {
    }

    /** The hang ends once the stall watch gave up on it (as a rebooted firewall's does), so the run can clean up. */
    static void endTheHangOnceTheWatchGaveUp(FaultProxy proxy) {
        Failpoint.whenReached("stall-watch.ended", () -> {
            proxy.cut();
            proxy.resume();
        });
    }

    /**
     * Runs the command, then clears the failpoints; it must end within a bound of the configured limits (a few
     * seconds each), not at a CronJob's deadline.
     */
    static CliResult runsWithinTheLimits(NightshiftFixture nightshift, String... command) {
        long started = System.nanoTime();
        CliResult result = nightshift.cli(command);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Failpoint.clearActions();
        assertThat(took).as("ended within the configured limits: " + result).isLessThan(Duration.ofSeconds(40));
        return result;
    }
}
