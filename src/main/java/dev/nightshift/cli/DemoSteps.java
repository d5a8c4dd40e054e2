package dev.nightshift.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one command of the demo in this process with its output and its log lines going to a file of its own
 * (logs/NN-command.log), so the tour's own output stays one short paragraph per step.
 */
final class DemoSteps {

    private final DemoHome home;
    private final PrintWriter out;
    private int number;

    DemoSteps(DemoHome home, PrintWriter out) {
        this.home = home;
        this.out = out;
    }

    int run(String title, String... command) throws IOException {
        Files.createDirectories(home.logs());
        Path log = home.logs().resolve(String.format(Locale.ROOT, "%02d-%s.log", ++number, command[0]));
        List<String> args = new ArrayList<>(List.of("--config", home.config().toString()));
        args.addAll(List.of(command));
        out.println();
        out.println(title + ": nightshift " + String.join(" ", command));
        out.flush();
        long start = System.nanoTime();
        int exit;
        String previousFile = System.setProperty("logging.file.name", log.toString());
        String previousConsole = System.setProperty("logging.threshold.console", "OFF");
        try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            exit = NightshiftCli.execute(file, file, args.toArray(String[]::new));
        } finally {
            restore("logging.file.name", previousFile);
            restore("logging.threshold.console", previousConsole);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            out.printf(Locale.ROOT, "   FAILED (exit %d) after %.1f s: see %s%n", exit, seconds, log);
        } else {
            out.printf(Locale.ROOT, "   done in %.1f s; full output: %s%n", seconds, log);
        }
        return exit;
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
