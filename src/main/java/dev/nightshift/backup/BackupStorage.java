package dev.nightshift.backup;

import dev.nightshift.objectstore.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where artifacts, checksums and manifests live: a local directory or an S3-compatible bucket. Names are
 * relative ({@code <env>/<logical-db>/<env>-<logical-db>-<UTC time>.dump[.zst|.gz][.tink]}), so the catalog
 * stays valid when the root moves.
 *
 * <p>The publication order is the same everywhere: the artifact is written and checked while it is
 * <em>staged</em> (a {@code .partial} file, or an S3 object nobody lists), then it is published, its checksum
 * is written, and its manifest comes last. An artifact without a manifest is by definition unfinished: it is
 * never cataloged, and {@link #removeLeftovers} deletes it.
 */
interface BackupStorage {

    String MANIFEST = ".manifest.json";
    String CHECKSUM = ".sha256";

    /** Where this storage is, for the catalog and for messages: a directory, or {@code s3://bucket/prefix}. */
    String location();

    /** Checks before a dump that the storage is usable and can probably hold {@code databaseBytes}. */
    void preflight(String environment, String logical, long databaseBytes) throws IOException;

    /** The name of a new artifact. */
    String newArtifact(String environment, String logical, Instant start, String suffix);

    /** Starts writing a staged artifact; nothing is visible until {@link #publish}. */
    ObjectStore.Upload create(String artifact) throws IOException;

    /** Reads a staged (written, not yet published) artifact back, for verification. */
    InputStream openStaged(String artifact) throws IOException;

    /** Makes a staged artifact final; a no-op when it already is (a restart after a crash past this point). */
    void publish(String artifact) throws IOException;

    /** Writes a small companion file ({@code artifact + CHECKSUM} or {@code + MANIFEST}) whole or not at all. */
    void writeText(String name, String text) throws IOException;

    String readText(String name) throws IOException;

    boolean exists(String name) throws IOException;

    /** Reads a published artifact; a missing one is an IOException that says so. */
    InputStream open(String artifact) throws IOException;

    /** The stored size of a published artifact, for progress; 0 when this storage cannot tell cheaply. */
    default long storedSize(String artifact) {
        return 0;
    }

    /** Names of every manifest of one database. */
    List<String> manifests(String environment, String logical) throws IOException;

    /**
     * Removes what crashed runs left for one database: staged artifacts, artifacts without a manifest and
     * unfinished uploads. Only call while holding that database's backup lock.
     */
    List<String> removeLeftovers(String environment, String logical) throws IOException;

    /** Deletes a published artifact: its manifest first, so a crash in between never leaves a listed orphan. */
    void delete(String artifact) throws IOException;

    static String manifestOf(String artifact) {
        return artifact + MANIFEST;
    }

    static String checksumOf(String artifact) {
        return artifact + CHECKSUM;
    }
}
