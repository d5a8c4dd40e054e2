package dev.nightshift.sync;

import dev.nightshift.sync.snapshot.S3Snapshots;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.config.NightshiftProperties;
import dev.nightshift.config.SyncProperties;
import dev.nightshift.config.Targets;
import dev.nightshift.objectstore.ObjectStore;
import dev.nightshift.postgres.PgClient;
import dev.nightshift.postgres.PgClients;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.MaskingRulesLoader;
import dev.nightshift.sync.masking.MaskingSalt;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** What the sync's steps and its command share: settings, targets, rules, salt, a fitting client, the snapshot bucket. */
@Component
public class SyncTools implements AutoCloseable {

    private final NightshiftProperties properties;
    private final Targets targets;
    private final PgClients clients;
    private S3Snapshots s3Snapshots;

    SyncTools(NightshiftProperties properties, Targets targets, PgClients clients) {
        this.properties = properties;
        this.targets = targets;
        this.clients = clients;
    }

    public SyncProperties settings() {
        return properties.sync();
    }

    public Targets targets() {
        return targets;
    }

    public PgTarget target(String environment, String logical) {
        return targets.resolve(environment, logical);
    }

    public PgTarget incoming(PgTarget target) {
        return target.withDatabase(SyncRun.incomingName(target.database()));
    }

    public PgClient clientFor(PgTarget target) throws IOException, SQLException {
        return clients.forTarget(target);
    }

    public Path rulesFile(String logical) {
        return settings().rulesDirectory().resolve(logical + ".yml");
    }

    /** The rules of one logical database; a missing file is a configuration error naming the fix. */
    public MaskingRules rules(String logical) {
        Path file = rulesFile(logical);
        if (!Files.exists(file)) {
            throw new ConfigurationException("no masking rules for database '" + logical + "': " + file.toAbsolutePath()
                    + " does not exist; nightshift sync --check --database " + logical
                    + " lists every column with a suggested rule to start it from (or set nightshift.sync.rules-directory)");
        }
        return MaskingRulesLoader.load(file);
    }

    /** The snapshot bucket of nightshift.sync.snapshot-storage, connected once and reused by every step. */
    public synchronized S3Snapshots s3Snapshots() {
        if (s3Snapshots == null) {
            var storage = settings().snapshotStorage();
            ObjectStore.Cipher cipher = storage.encrypted()
                    ? ObjectStore.cipher(storage.keysetFile(), "snapshot", S3Snapshots.SETTING + ".keyset-file") : null;
            s3Snapshots = new S3Snapshots(ObjectStore.connect(storage.s3(), S3Snapshots.SETTING + ".s3", "snapshots"), cipher);
        }
        return s3Snapshots;
    }

    @Override
    public synchronized void close() {
        if (s3Snapshots != null) {
            s3Snapshots.close();
        }
    }

    public byte[] salt() {
        Path file = settings().saltFile();
        return file != null ? MaskingSalt.fromFile(file) : MaskingSalt.fromEnvironment(settings().saltEnv());
    }
}
