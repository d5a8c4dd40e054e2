package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.jobs.JobRefusedException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.sql.SQLException;

/**
 * Parses the command line with picocli and maps every way a command can end to an exit code and one line
 * on stderr: 0 success, 1 job failed, 2 usage or configuration error, 3 refused by a safety guard.
 */
public final class NightshiftCli {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NightshiftCli.class);

    private NightshiftCli() {
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try (LazyContext context = new LazyContext()) {
            CommandLine cli = commandLine(context, out, err);
            int exit = cli.execute(args);
            OneRunMetrics.push(context, cli.getParseResult());
            return exit;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs a command line in an existing context (the scheduler mode's); the context stays open. */
    static int execute(LazyContext context, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(context, out, err).execute(args);
    }

    private static CommandLine commandLine(LazyContext context, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new RootCommand(context), new Factory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("nightshift: " + e.getMessage()
                    + " (see: nightshift " + qualifiedName(e.getCommandLine()) + " --help)");
            return ExitCodes.USAGE;
        });
        return cli;
    }

    /**
     * Why {@code args} is not a complete Nightshift command line, or empty when it is; parses with the real
     * commands without running anything or starting Spring. Schedules and manifests are checked with it.
     */
    public static java.util.Optional<String> parseError(java.util.List<String> args) {
        try (LazyContext context = new LazyContext()) {
            CommandLine cli = new CommandLine(new RootCommand(context), new Factory(context));
            java.util.List<CommandLine> parsed = cli.parseArgs(args.toArray(String[]::new)).asCommandLineList();
            CommandLine last = parsed.get(parsed.size() - 1);
            Object command = last.getCommand();
            boolean runs = command instanceof java.util.concurrent.Callable<?> || command instanceof Runnable
                    || command instanceof java.lang.reflect.Method;
            if (last == cli || !runs) {
                return java.util.Optional.of("no command to run in " + args);
            }
            return java.util.Optional.empty();
        } catch (CommandLine.ParameterException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** Whether this build has the (sub)command {@code path}, e.g. [backups, check]. */
    public static boolean hasCommand(java.util.List<String> path) {
        try (LazyContext context = new LazyContext()) {
            CommandLine cli = new CommandLine(new RootCommand(context), new Factory(context));
            for (String name : path) {
                cli = cli.getSubcommands().get(name);
                if (cli == null) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String qualifiedName(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        return name.startsWith("nightshift") ? name.substring("nightshift".length()).strip() : name;
    }

    /** The ops database pool's name, which its errors start with (see OpsDatabaseConfiguration). */
    private static final String OPS_POOL = "nightshift-ops";

    static int report(Throwable e, PrintWriter err) {
        // the one line below is for people; the trace is for whoever debugs (logging.level.dev.nightshift=DEBUG)
        LOG.debug("command failed", e);
        Throwable cause = classify(e);
        if (cause instanceof ConfigurationException) {
            err.println("nightshift: configuration error: " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof SafetyGuardException) {
            err.println("nightshift: " + cause.getMessage());
            return ExitCodes.REFUSED;
        }
        if (cause instanceof JobRefusedException) {
            err.println("nightshift: " + cause.getMessage());
            return ExitCodes.JOB_FAILED;
        }
        if (cause instanceof SQLException && isStartupFailure(e)) {
            err.println("nightshift: configuration error: cannot use the ops database (nightshift.ops-database.url): "
                    + cause.getMessage() + "; check the URL, user and password, and that the server is running");
            return ExitCodes.USAGE;
        }
        if (cause instanceof SQLException && String.valueOf(cause.getMessage()).startsWith(OPS_POOL + " - ")) {
            // a job that lost the ops database cannot record its end either: say what to do about that
            err.println("nightshift: error: lost the ops database mid-run (" + cause.getMessage() + "); a job this"
                    + " command ran may still show as STARTED: once its locks are gone, `nightshift jobs list` shows it"
                    + " dead; then resume it with: nightshift jobs restart ID");
            return ExitCodes.JOB_FAILED;
        }
        err.println("nightshift: error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
                + " (for the full trace, run again with LOGGING_LEVEL_DEV_NIGHTSHIFT=DEBUG)");
        return ExitCodes.JOB_FAILED;
    }

    /** The most telling exception of a chain: ours when there is one, else the deepest SQL error, else the root. */
    private static Throwable classify(Throwable e) {
        Throwable sql = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException || t instanceof SafetyGuardException || t instanceof JobRefusedException) {
                return t;
            }
            if (t instanceof SQLException && sql == null) {
                sql = t;
            }
            root = t;
        }
        return sql != null ? sql : root;
    }

    private static boolean isStartupFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.springframework.beans")
                    || t.getClass().getName().startsWith("org.springframework.context")
                    || t.getClass().getName().startsWith("org.flywaydb")) {
                return true;
            }
        }
        return false;
    }

    /** Gives commands that ask for it the lazily started Spring context. */
    private record Factory(LazyContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withContext = type.getDeclaredConstructor(LazyContext.class);
                withContext.setAccessible(true);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
