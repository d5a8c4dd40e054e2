package dev.nightshift.faults;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny tmpfs mounted over a directory, so a write fills the disk for real. Mounting needs root (CI runs as
 * root); where it is not permitted the case is skipped, with the reason.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path directory;

    private SmallFilesystem(Path directory) {
        this.directory = directory;
    }

    static SmallFilesystem mount(Path directory, String size) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "nightshift-full-disk", directory.toString()));
        Assumptions.assumeTrue(failure == null, () -> "skipped: cannot mount a small tmpfs for the full-disk case"
                + " (needs root): " + failure);
        return new SmallFilesystem(directory);
    }

    /** Gives the filesystem more room, as an operator freeing space would. */
    void resize(String size) {
        String failure = run(List.of("mount", "-o", "remount,size=" + size, directory.toString()));
        if (failure != null) {
            throw new IllegalStateException("cannot resize the tmpfs: " + failure);
        }
    }

    @Override
    public void close() {
        run(List.of("umount", "-l", directory.toString()));
    }

    /** Null when the command succeeded, else what it said. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return command.get(0) + " did not finish";
            }
            return process.exitValue() == 0 ? null : command.get(0) + " exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
