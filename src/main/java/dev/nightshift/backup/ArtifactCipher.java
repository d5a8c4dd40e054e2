package dev.nightshift.backup;

import dev.nightshift.objectstore.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Client-side encryption of backup artifacts (see {@link ObjectStore.Cipher}): the associated data binds an
 * artifact to its environment and database, and a backup whose key the keyset lacks is refused by name.
 */
final class ArtifactCipher {

    static final String SCHEME = ObjectStore.Cipher.SCHEME;
    static final String SUFFIX = ObjectStore.Cipher.SUFFIX;

    private final ObjectStore.Cipher cipher;

    private ArtifactCipher(ObjectStore.Cipher cipher) {
        this.cipher = cipher;
    }

    /** Reads a cleartext JSON keyset; an unreadable or invalid one is a configuration error. */
    static ArtifactCipher load(Path keysetFile) {
        return new ArtifactCipher(ObjectStore.cipher(keysetFile, "backup", "nightshift.backup.encryption.keyset-file"));
    }

    /** A new keyset with one AES256_GCM_HKDF_1MB key, as cleartext JSON: store it as a secret, never in git. */
    static String generateKeyset() {
        return ObjectStore.generateKeyset();
    }

    long primaryKeyId() {
        return cipher.primaryKeyId();
    }

    /**
     * Refuses, before a byte is restored, to decrypt an artifact whose key this keyset does not have; the
     * message names both, never the key material.
     */
    void requireKey(long keyId, String what) {
        if (!cipher.keyIds().contains(keyId)) {
            throw new WrongKeyException(what + " was encrypted with key " + keyId + ", but the keyset " + cipher.keysetFile()
                    + " has only " + cipher.keyIds() + "; mount the keyset the backup was made with"
                    + " (nightshift.backup.encryption.keyset-file); nothing was restored");
        }
    }

    OutputStream encrypt(OutputStream ciphertext, String environment, String logical) throws IOException {
        return cipher.encrypt(ciphertext, associatedData(environment, logical));
    }

    InputStream decrypt(InputStream ciphertext, String environment, String logical) throws IOException {
        return cipher.decrypt(ciphertext, associatedData(environment, logical));
    }

    private static String associatedData(String environment, String logical) {
        return "nightshift backup " + environment + "/" + logical;
    }

    /** The configured keyset cannot decrypt an artifact. */
    static final class WrongKeyException extends IllegalStateException {
        WrongKeyException(String message) {
            super(message);
        }
    }
}
