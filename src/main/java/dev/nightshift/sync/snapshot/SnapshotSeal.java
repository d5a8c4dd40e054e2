package dev.nightshift.sync.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes a complete spool a masked snapshot: the SHA-256 of every file in it, written last ({@code seal.json}),
 * so a snapshot without a seal is incomplete and one whose files do not match it is damaged. An import
 * proves every file against the seal before it loads anything. In a bucket the hashes are those of the stored
 * objects, and an encrypted snapshot's seal names the scheme and the key (see {@link S3Snapshots}).
 *
 * @param encryption null for plain files, else the scheme the objects are encrypted with
 * @param keyId      the key they are encrypted with, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotSeal(Instant sealedAt, Map<String, String> sha256, String encryption, Long keyId) {

    public static final String FILE = "seal.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public SnapshotSeal {
        sha256 = Map.copyOf(sha256);
    }

    /** Seals the snapshot directory as it is now. */
    public static SnapshotSeal write(Path snapshot) throws IOException {
        return write(snapshot, Instant.now());
    }

    /** Seals a verified copy of a snapshot sealed at {@code sealedAt}. */
    public static SnapshotSeal write(Path snapshot, Instant sealedAt) throws IOException {
        SnapshotSeal seal = new SnapshotSeal(sealedAt, hashes(snapshot), null, null);
        Path partial = snapshot.resolve(FILE + ".partial");
        JSON.writeValue(partial.toFile(), seal);
        Files.move(partial, snapshot.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        return seal;
    }

    /** Fails, naming the first file that is missing, extra or changed, unless the snapshot is as sealed. */
    public static SnapshotSeal verify(Path snapshot) throws IOException {
        Path file = snapshot.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IOException("the snapshot " + snapshot + " has no " + FILE + ": it is incomplete (its"
                    + " export was interrupted or is still running); export a new one or choose another");
        }
        SnapshotSeal seal = JSON.readValue(file.toFile(), SnapshotSeal.class);
        Map<String, String> actual = hashes(snapshot);
        for (var expected : new TreeMap<>(seal.sha256()).entrySet()) {
            String found = actual.get(expected.getKey());
            if (found == null) {
                throw new IOException("the snapshot " + snapshot + " lacks " + expected.getKey()
                        + ": it is damaged; export a new one");
            }
            if (!found.equals(expected.getValue())) {
                throw new IOException("the snapshot " + snapshot + " is damaged: " + expected.getKey()
                        + " does not match its SHA-256 in " + FILE + "; export a new one");
            }
        }
        for (String extra : actual.keySet()) {
            if (!seal.sha256().containsKey(extra)) {
                throw new IOException("the snapshot " + snapshot + " holds " + extra + ", which its seal does"
                        + " not list; export a new one");
            }
        }
        return seal;
    }

    private static Map<String, String> hashes(Path snapshot) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = snapshot.relativize(f).toString();
                if (!name.equals(FILE) && !name.endsWith(".partial")) {
                    hashes.put(name, sha256(f));
                }
            }
        }
        return hashes;
    }

    public String json() {
        return JSON.writeValueAsString(this);
    }

    public static SnapshotSeal parse(String json) {
        return JSON.readValue(json, SnapshotSeal.class);
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = Hashing.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return Hashing.hex(digest);
    }
}
