package dev.nightshift.cli;

import dev.nightshift.backup.BackupJobs;
import dev.nightshift.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write a new Tink keyset (AES256_GCM_HKDF_1MB) for nightshift.backup.encryption.keyset-file.",
        footer = {"", "The file is the key: store it as a secret (and a copy offline), never in git. Without it,"
                + " encrypted backups cannot be restored.",
                "", "Example:",
                "  nightshift backups keygen --out backup-keyset.json",
                "  kubectl create secret generic nightshift-backup-keyset \\",
                "      --from-file=keyset.json=backup-keyset.json"})
class BackupsKeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the keyset (must not exist).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out)) {
            throw new ConfigurationException(out + " exists; refusing to overwrite a keyset (backups made with it could"
                    + " never be restored again); choose another file");
        }
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(out, BackupJobs.generateKeyset());
        spec.commandLine().getOut().println("wrote a new backup keyset to " + out
                + "; mount it as a secret and set nightshift.backup.encryption.keyset-file to its path");
        return ExitCodes.OK;
    }
}
