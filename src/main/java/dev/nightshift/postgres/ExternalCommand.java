package dev.nightshift.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one PostgreSQL client program with its stdin and stdout streamed through Java, stderr kept for the
 * error message, and the process destroyed when a stop is requested. Credentials come in through the
 * environment; the command line never carries them, because anyone on the host can read it.
 */
public final class ExternalCommand {

    private final List<String> command;
    private final Map<String, String> environment;
    private final java.time.Duration stallTimeout;
    private final PgTarget watchedServer;
    private final String watchedWork;

    public ExternalCommand(List<String> command, Map<String, String> environment) {
        this(command, environment, java.time.Duration.ZERO, null, null);
    }

    private ExternalCommand(List<String> command, Map<String, String> environment, java.time.Duration stallTimeout,
                            PgTarget watchedServer, String watchedWork) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.stallTimeout = stallTimeout;
        this.watchedServer = watchedServer;
        this.watchedWork = watchedWork;
    }

    /**
     * This command, ended as stalled when it neither writes to stdout nor reads from stdin for {@code limit}
     * (zero: never). Only for a program whose stream moves all the time it works: pg_dump to stdout, say;
     * never for one that may legitimately work silently for long (an index build).
     */
    public ExternalCommand withStallTimeout(java.time.Duration limit) {
        return new ExternalCommand(command, environment, limit, watchedServer, watchedWork);
    }

    /**
     * This command, ended as stalled when {@code server} shows no progress of its sessions for the stall timeout
     * (see {@link StallWatch}): for a program that may work silently for long (pg_restore's index builds). Its
     * sessions are told apart by an application name of their own.
     */
    public ExternalCommand withStallWatch(PgTarget server, String what) {
        return new ExternalCommand(command, environment, stallTimeout, server, what);
    }

    public String program() {
        return Path.of(command.get(0)).getFileName().toString();
    }

    /**
     * Runs to completion. {@code stdin} (may be null) is copied to the process by a helper thread;
     * {@code stdout} receives the process's output on the calling thread.
     *
     * @throws ExternalCommandException when the program exits non-zero or is stopped
     */
    public void run(InputStream stdin, OutputStream stdout, StopSignal stop) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        String applicationName = "nightshift-" + java.util.UUID.randomUUID();
        if (watchedServer != null) {
            builder.environment().put("PGAPPNAME", applicationName);
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        try (StallWatch serverWatch = watchedServer == null ? StallWatch.off()
                : StallWatch.onApplication(watchedServer, applicationName, watchedWork, process::destroyForcibly)) {
            run(process, stdin, stdout, stop, serverWatch);
        }
    }

    private void run(Process process, InputStream stdin, OutputStream stdout, StopSignal stop, StallWatch serverWatch)
            throws IOException {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<String> checkFailure = new AtomicReference<>();
        StreamProgress progress = new StreamProgress(stallTimeout, serverWatch::beat);
        StringBuilder stderr = new StringBuilder();
        List<Thread> helpers = new ArrayList<>();
        helpers.add(start("stderr", () -> ProcessStreams.collect(process.getErrorStream(), stderr)));
        helpers.add(start("watch", () -> watch(process, stop, stopped, checkFailure, progress)));
        if (stdin != null) {
            helpers.add(start("stdin", () -> ProcessStreams.feed(stdin, process, progress)));
        }
        try {
            ProcessStreams.copy(process.getInputStream(), stdout, progress);
            stdout.flush();
            int exit = process.waitFor();
            for (Thread helper : helpers) {
                helper.join(10_000);
            }
            failIfUncheckable(checkFailure);
            failIfStalled(progress, serverWatch, stderr);
            if (stopped.get()) {
                throw new ExternalCommandException(program() + " was stopped on request", -1, "", true);
            }
            if (exit != 0) {
                String tail = ProcessStreams.tail(stderr);
                throw new ExternalCommandException(program() + " failed (exit " + exit + "): " + tail, exit, tail, false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalCommandException(program() + " was interrupted", -1, ProcessStreams.tail(stderr), true);
        } catch (IOException e) {
            failIfUncheckable(checkFailure);
            failIfStalled(progress, serverWatch, stderr);
            if (stopped.get()) {
                throw new ExternalCommandException(program() + " was stopped on request", -1, "", true);
            }
            throw e;
        } finally {
            process.destroyForcibly();
            helpers.forEach(Thread::interrupt);
        }
    }

    /** Runs a short command (such as {@code --version}) and returns its standard output. */
    public String output() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        run(null, out, StopSignal.NEVER);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void failIfStalled(StreamProgress progress, StallWatch serverWatch, StringBuilder stderr)
            throws ExternalCommandException {
        if (serverWatch.stalled()) {
            throw stall(serverWatch.message(), stderr);
        }
        if (progress.stalled()) {
            throw stall(program() + " made no progress for " + stallTimeout.toSeconds()
                    + " s (not a byte of its archive stream moved): its server stopped answering, or the network to it"
                    + " hangs. The limit is nightshift.connections.stall-timeout", stderr);
        }
    }

    /** A stall, marked as one (the outcome line prefers it to what the other connections saw after it). */
    private static ExternalCommandException stall(String message, StringBuilder stderr) {
        ExternalCommandException stalled = new ExternalCommandException(message, -1, ProcessStreams.tail(stderr), false);
        stalled.initCause(new ServerStalledException(message));
        return stalled;
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, "pg-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Nobody asked for this stop: the stop check itself failed (the ops database is gone, say). That is a failure
     * of the run, reported as what happened, not a stop an operator requested.
     */
    private void failIfUncheckable(AtomicReference<String> checkFailure)
            throws ExternalCommandException {
        if (checkFailure.get() != null) {
            throw new ExternalCommandException(program() + " was ended because the check for a stop request in the ops database failed: "
                    + checkFailure.get(), -1, "", false);
        }
    }

    private static void watch(Process process, StopSignal stop, AtomicBoolean stopped,
                              AtomicReference<String> checkFailure, StreamProgress progress) {
        try {
            while (process.isAlive()) {
                if (stop.stopRequested()) {
                    stopped.set(true);
                    process.destroy();
                    return;
                }
                if (progress.checkStalled()) {
                    process.destroyForcibly();
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            // the command ended
        } catch (RuntimeException e) {
            // a stop check that cannot tell must not leave the command unstoppable: stop it
            org.slf4j.LoggerFactory.getLogger(ExternalCommand.class)
                    .error("cannot check for a stop request ({}); stopping the command", e.toString());
            checkFailure.set(rootMessage(e));
            stopped.set(true);
            process.destroy();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
