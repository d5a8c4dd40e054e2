package dev.nightshift.jobs;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.postgres.ClientVersionException;
import dev.nightshift.postgres.ExternalCommandException;
import dev.nightshift.postgres.ServerStalledException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a finished job execution means for the person or CronJob that started it: an exit code and one line.
 *
 * @param exitCode 0 success, 1 job failed or stopped, 2 configuration error, 3 refused by a safety guard
 * @param message  one line: what happened and, when it did not work, what to do next
 */
public record JobOutcome(int exitCode, String message) {

    public static JobOutcome of(JobExecution execution, String what) {
        return of(execution, what, "; after fixing the cause, restart it with: nightshift jobs restart " + execution.getId());
    }

    /** @param failureHint what to do after a failure (appended to the message), for jobs a restart cannot resume */
    public static JobOutcome of(JobExecution execution, String what, String failureHint) {
        long id = execution.getId();
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            return new JobOutcome(0, what + " completed in " + seconds(execution) + " (execution " + id + ")");
        }
        if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
            return new JobOutcome(1, what + " stopped (execution " + id + "); resume it with: nightshift jobs restart " + id);
        }
        Throwable failure = chosenFailure(execution.getAllFailureExceptions());
        Throwable cause = rootCause(failure);
        String lostLock = LockWatch.lost(id);
        if (lostLock != null) {
            // what the steps saw after it ("Job interrupted by step execution", the ops database's lost connection
            // when recording a step) follows from the lost lock: say that, once (it says how to restart the run)
            return new JobOutcome(1, what + " failed (execution " + id + "): " + lostLock);
        }
        String reason = cause == null ? execution.getExitStatus().getExitDescription() : deepestMessage(failure);
        if (cause instanceof java.net.SocketTimeoutException) {
            // the driver's words ("Read timed out") do not say that a limit of ours ended the wait
            reason = "a database stopped answering and the wait ended at nightshift.connections.socket-timeout ("
                    + reason + ")";
        } else if (causes(failure).anyMatch(JobOutcome::lostConnection)) {
            // "Connection reset" or "This connection has been closed." alone do not say what happened
            String server = causes(failure).anyMatch(JobOutcome::throughOpsPool) ? "the ops database" : "a database server";
            reason = "lost the connection to " + server + " (it restarted or the network to it failed): " + reason;
        }
        int code = 1;
        if (cause instanceof ConfigurationException || cause instanceof ClientVersionException) {
            code = 2;
        } else if (cause instanceof SafetyGuardException) {
            code = 3;
        }
        String hint = cause instanceof JobRefusedException ? "" : failureHint;
        return new JobOutcome(code, what + " failed (execution " + id + "): " + firstLine(reason) + hint);
    }

    private static boolean lostConnection(Throwable cause) {
        // the driver's "An I/O error occurred" (08006) wraps a bare EOFException when the server closed mid-reply
        return cause instanceof java.io.EOFException || closedByPool(cause)
                || cause instanceof java.net.SocketException && !(cause instanceof java.net.SocketTimeoutException)
                || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0")) // 57P0x: shut down
                || cause instanceof ExternalCommandException command && LIBPQ_LOST.stream().anyMatch(
                        words -> String.valueOf(command.getMessage()).contains(words));
    }

    /** Only the ops database is reached through a pool (the environments' servers through the driver alone). */
    private static boolean throughOpsPool(Throwable t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("com.zaxxer.hikari."));
    }

    /** The pool's words for a connection it closed after the server ended it: no SQLState says so. */
    private static boolean closedByPool(Throwable t) {
        return t instanceof java.sql.SQLException && "Connection is closed".equals(t.getMessage()) && throughOpsPool(t);
    }

    /** How pg_dump and pg_restore (libpq) say that the server went away, the same cases as the driver's. */
    private static final List<String> LIBPQ_LOST = List.of("server closed the connection unexpectedly",
            "terminating connection due to administrator command", "the database system is shutting down",
            "could not receive data from server", "could not send data to server", "no connection to the server",
            "connection to server was lost", "SSL SYSCALL error");

    private static Throwable chosenFailure(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        // a stall ends its connection, and whatever the other connections (partitions, loads) saw after it
        // ("Connection reset") follows from it: name the stall
        Optional<Throwable> stall = failures.stream()
                .filter(f -> causes(f).anyMatch(t -> t instanceof ServerStalledException)).findFirst();
        // a partitioned step fails with the handler's generic words; the failed partition's exception says why
        return stall.orElseGet(() -> failures.stream().filter(f -> f.getMessage() == null
                        || !f.getMessage().startsWith("Partition handler returned an unsuccessful step"))
                .findFirst().orElse(failures.get(0)));
    }

    /** The failure's chain down to the first of our own exceptions whose words are meant for the operator. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> stopsHere(t) ? null : t.getCause());
    }

    private static boolean stopsHere(Throwable t) {
        return t instanceof JobRefusedException || t instanceof ConfigurationException;
    }

    private static Throwable rootCause(Throwable failure) {
        return failure == null ? null : causes(failure).reduce((outer, inner) -> inner).orElse(failure);
    }

    /** The innermost words in the chain: a bare "java.io.EOFException" says less than the driver's message around it. */
    private static String deepestMessage(Throwable failure) {
        return causes(failure).filter(t -> t.getMessage() != null && !t.getMessage().isBlank())
                .reduce((outer, inner) -> inner).map(Throwable::getMessage).orElse(rootCause(failure).toString());
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "no reason recorded";
        }
        return text.strip().lines().findFirst().orElse(text);
    }

    private static String seconds(JobExecution execution) {
        if (execution.getStartTime() == null || execution.getEndTime() == null) {
            return "?";
        }
        Duration d = Duration.between(execution.getStartTime(), execution.getEndTime());
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
