package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import dev.nightshift.config.BackupStorageProperties;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.SafetyGuardException;
import dev.nightshift.config.Targets;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgClients;
import dev.nightshift.postgres.PgTarget;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;

/** What every backup and restore step needs: the configuration, the target, a fitting client, the storage. */
@Component
class BackupTools implements AutoCloseable {

    private final NightshiftProperties properties;
    private final Targets targets;
    private final PgClients clients;
    private BackupStorage storage;

    BackupTools(NightshiftProperties properties, Targets targets, PgClients clients) {
        this.properties = properties;
        this.targets = targets;
        this.clients = clients;
    }

    NightshiftProperties properties() {
        return properties;
    }

    PgTarget target(String environment, String logical) {
        return targets.resolve(environment, logical);
    }

    /**
     * Where a restore verification of {@code source} loads its scratch copy. A full restore loads a server
     * as much as the restore of a real incident would, so it goes to nightshift.backup.verify-environment,
     * or to the source's own server only when that is not protected or the operator confirmed it.
     */
    PgTarget scratchServer(PgTarget source, boolean confirmedProduction) {
        String environment = properties.backup().verifyEnvironment();
        if (environment == null || environment.isBlank()) {
            environment = source.environment();
        }
        if (targets.isProtected(environment) && !confirmedProduction) {
            throw new SafetyGuardException("refusing to verify by restore on the server of protected environment '"
                    + environment + "': it would create and load a scratch database there; set"
                    + " nightshift.backup.verify-environment to another environment, or add --confirm-production");
        }
        targets.dataClasses().checkCopy(source.environment(), environment, "restore backups of " + source.environment()
                + " into a scratch database on the server of " + environment, "set nightshift.backup.verify-environment"
                + " to an environment with data: production");
        return targets.server(environment);
    }

    /** Refuses (SafetyGuardException) putting data of {@code from} on a server its data class forbids. */
    void checkCopy(String from, String into, String operation) {
        targets.dataClasses().checkCopy(from, into, operation);
    }

    /** The configured storage; an S3 client is built once and reused by every step. */
    synchronized BackupStorage storage() {
        if (storage == null) {
            var settings = properties.backup();
            storage = settings.storage().type() == BackupStorageProperties.Type.S3
                    ? S3BackupStorage.connect(settings.storage().s3())
                    : new LocalBackupStorage(settings.directory(), settings.freeSpaceRatio());
        }
        return storage;
    }

    /** The keyset new artifacts are encrypted with; null when encryption is off. */
    ArtifactCipher cipherForNewBackups() {
        var encryption = properties.backup().encryption();
        return encryption.enabled() ? ArtifactCipher.load(encryption.keysetFile()) : null;
    }

    /**
     * How to read a cataloged artifact. Refuses an artifact in another storage than the configured one, an
     * encrypted one without a keyset (a configuration error) and one whose key the keyset lacks.
     */
    StoredArtifact stored(CatalogEntry entry) {
        BackupStorage current = storage();
        String where = entry.storage() == null ? LocalBackupStorage.LOCATION : entry.storage();
        if (!where.equals(current.location())) {
            throw new ConfigurationException("backup #" + entry.id() + " is stored in " + where
                    + ", but nightshift.backup.storage now points at " + current.location()
                    + "; configure that storage to read it, or choose a backup taken since");
        }
        ArtifactCipher cipher = null;
        if (entry.encryption() != null) {
            var encryption = properties.backup().encryption();
            if (!encryption.enabled()) {
                throw new ConfigurationException("backup #" + entry.id() + " is encrypted (key " + entry.keyId()
                        + ") but nightshift.backup.encryption.keyset-file is not set; mount the keyset it was made with");
            }
            cipher = ArtifactCipher.load(encryption.keysetFile());
            cipher.requireKey(entry.keyId(), "backup #" + entry.id());
        }
        return new StoredArtifact(current, entry.artifact(), false,
                Compression.valueOf(entry.compression().toUpperCase(Locale.ROOT)), cipher, entry.environment(),
                entry.logicalDatabase());
    }

    @Override
    public synchronized void close() {
        if (storage instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // shutting down
            }
        }
    }

    /** A pg_dump/pg_restore at least as new as the target's server. */
    PgClient clientFor(PgTarget target) throws IOException, SQLException {
        return clients.forTarget(target);
    }
}
