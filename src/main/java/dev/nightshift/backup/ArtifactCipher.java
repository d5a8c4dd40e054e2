package dev.nightshift.backup;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import dev.nightshift.config.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Client-side encryption of artifacts with Tink's StreamingAead (AES256-GCM-HKDF, 1MB segments): every
 * segment is authenticated, so a wrong key, a flipped bit or a cut-off artifact fails the read instead of
 * feeding pg_restore garbage. The associated data binds an artifact to its environment and database.
 */
final class ArtifactCipher {

    static final String SCHEME = "tink-streaming-aead";
    static final String SUFFIX = ".tink";

    private final Path keysetFile;
    private final StreamingAead aead;
    private final long primaryKeyId;
    private final Set<Long> keyIds;

    private ArtifactCipher(Path keysetFile, StreamingAead aead, long primaryKeyId, Set<Long> keyIds) {
        this.keysetFile = keysetFile;
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
        this.keyIds = keyIds;
    }

    /** Reads a cleartext JSON keyset; an unreadable or invalid one is a configuration error. */
    static ArtifactCipher load(Path keysetFile) {
        String json;
        try {
            json = Files.readString(keysetFile);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the backup keyset " + keysetFile
                    + " (nightshift.backup.encryption.keyset-file): " + e.getClass().getSimpleName()
                    + "; mount the secret there, or create a keyset with: nightshift backups keygen --out FILE");
        }
        try {
            StreamingAeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            Set<Long> ids = new LinkedHashSet<>();
            for (int i = 0; i < keyset.size(); i++) {
                ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
            }
            return new ArtifactCipher(keysetFile, keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class),
                    Integer.toUnsignedLong(keyset.getPrimary().getId()), ids);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigurationException("the backup keyset " + keysetFile + " is not a Tink StreamingAead keyset in"
                    + " JSON (" + e.getMessage() + "); create one with: nightshift backups keygen --out FILE");
        }
    }

    /** A new keyset with one AES256_GCM_HKDF_1MB key, as cleartext JSON: store it as a secret, never in git. */
    static String generateKeyset() {
        try {
            StreamingAeadConfig.register();
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate a keyset: " + e.getMessage(), e);
        }
    }

    long primaryKeyId() {
        return primaryKeyId;
    }

    /**
     * Refuses, before a byte is restored, to decrypt an artifact whose key this keyset does not have; the
     * message names both, never the key material.
     */
    void requireKey(long keyId, String what) {
        if (!keyIds.contains(keyId)) {
            throw new WrongKeyException(what + " was encrypted with key " + keyId + ", but the keyset " + keysetFile
                    + " has only " + keyIds + "; mount the keyset the backup was made with"
                    + " (nightshift.backup.encryption.keyset-file); nothing was restored");
        }
    }

    OutputStream encrypt(OutputStream ciphertext, String environment, String logical) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, associatedData(environment, logical));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting: " + e.getMessage(), e);
        }
    }

    InputStream decrypt(InputStream ciphertext, String environment, String logical) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, associatedData(environment, logical));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting: " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(String environment, String logical) {
        return ("nightshift backup " + environment + "/" + logical).getBytes(StandardCharsets.UTF_8);
    }

    /** The configured keyset cannot decrypt an artifact. */
    static final class WrongKeyException extends IllegalStateException {
        WrongKeyException(String message) {
            super(message);
        }
    }
}
