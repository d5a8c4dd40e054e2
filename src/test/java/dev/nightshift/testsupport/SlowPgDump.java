package dev.nightshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A bin directory whose pg_dump writes the whole dump and then, while a switch file exists, keeps the
 * backup in its dump step for a while: a deterministic window to kill or stop a backup mid-dump.
 */
public final class SlowPgDump {

    private final Path binDir;

    private SlowPgDump(Path binDir) {
        this.binDir = binDir;
    }

    public static SlowPgDump create(Path parent) {
        try {
            Path bin = Files.createDirectories(parent.resolve("slow-bin"));
            Path real = TestPostgres.get().binDir();
            Path pgDump = bin.resolve("pg_dump");
            Files.writeString(pgDump, "#!/bin/sh\n"
                    + "[ \"$1\" = --version ] && exec \"" + real.resolve("pg_dump") + "\" --version\n"
                    + "\"" + real.resolve("pg_dump") + "\" \"$@\" || exit $?\n"
                    + "if [ -f \"" + bin.resolve("slow") + "\" ]; then sleep 60 </dev/null >/dev/null 2>&1; fi\n");
            Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(bin.resolve("pg_restore"), real.resolve("pg_restore"));
            Files.createFile(bin.resolve("slow"));
            return new SlowPgDump(bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path binDir() {
        return binDir;
    }

    /** From now on pg_dump runs at full speed. */
    public void fast() {
        try {
            Files.deleteIfExists(binDir.resolve("slow"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
