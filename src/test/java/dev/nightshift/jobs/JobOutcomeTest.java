package dev.nightshift.jobs;

import dev.nightshift.postgres.ServerStalledException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import java.io.EOFException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class JobOutcomeTest {

    /**
     * Regression: a server restarted mid-reply ends the driver's read with a bare EOFException inside its
     * "An I/O error occurred" (08006); the outcome said only "java.io.EOFException".
     */
    @Test
    void aServerClosingMidReplyIsNamedALostConnectionWithTheDriversWords() {
        // given
        JobExecution failed = failedWith(new IllegalStateException("loading users failed",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                        new EOFException())));

        // when
        JobOutcome outcome = JobOutcome.of(failed, "sync of prod/auth");

        // then
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.message())
                .contains("lost the connection to a database server")
                .contains("An I/O error occurred while sending to the backend.")
                .doesNotContain("java.io.EOFException");
    }

    @Test
    void aReadTimeoutIsNamedOurLimitNotALostConnection() {
        // given the driver's 08006 around the timeout, which alone would read as a lost connection
        JobExecution failed = failedWith(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out")));

        // when
        JobOutcome outcome = JobOutcome.of(failed, "restore of prod/auth");

        // then
        assertThat(outcome.message())
                .contains("the wait ended at nightshift.connections.socket-timeout (Read timed out)")
                .doesNotContain("lost the connection");
    }

    @Test
    void anOrdinaryFailureIsNotCalledALostConnection() {
        // given
        JobExecution failed = failedWith(new PSQLException("relation \"users\" does not exist", PSQLState.UNDEFINED_TABLE));

        // when
        JobOutcome outcome = JobOutcome.of(failed, "backup of prod/auth");

        // then
        assertThat(outcome.message()).contains("relation \"users\" does not exist").doesNotContain("lost the connection");
    }

    /**
     * Regression: of a partitioned import, the partition whose connection stalled failed with the stall, and
     * the others with the "Connection reset" of the cut that ended the hang; the line named the reset.
     */
    @Test
    void aStallIsNamedBeforeWhatTheOtherConnectionsSawAfterIt() {
        // given
        JobExecution failed = failedWith(
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                        new java.net.SocketException("Connection reset")),
                new ServerStalledException("loading into staging/auth made no progress for 2 s"));

        // when
        JobOutcome outcome = JobOutcome.of(failed, "import into staging/auth");

        // then
        assertThat(outcome.message()).contains("made no progress for 2 s").doesNotContain("Connection reset");
    }

    private static JobExecution failedWith(Throwable... failures) {
        JobExecution execution = new JobExecution(4711L, new JobInstance(1L, "job"), new JobParameters());
        execution.setStatus(BatchStatus.FAILED);
        for (Throwable failure : failures) {
            execution.addFailureException(failure);
        }
        return execution;
    }
}
