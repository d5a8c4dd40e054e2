package dev.nightshift.cli;

import picocli.CommandLine.Option;

import java.util.List;

/**
 * The options of a command that looks at or writes the databases of one environment: {@code --env} and the
 * repeatable {@code --database} (default: all of the environment). A picocli mixin, so every such command
 * spells and documents them alike.
 */
final class EnvironmentOptions {

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment.")
    String environment;

    @Option(names = "--database", paramLabel = "DB", description = "Logical database (repeatable); default: all of the environment.")
    List<String> databases;
}
