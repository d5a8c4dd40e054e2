package dev.nightshift.config;

import java.nio.file.Path;

/**
 * Client-side encryption of backup artifacts with Tink's StreamingAead (AES256-GCM-HKDF, 1MB segments).
 *
 * @param keysetFile a cleartext Tink keyset in JSON, mounted from a secret (see README: "Encrypted backups");
 *                   when set, every new backup is encrypted with its primary key. Restores of encrypted
 *                   backups need it even when new backups are no longer encrypted.
 */
public record BackupEncryptionProperties(Path keysetFile) {

    public boolean enabled() {
        return keysetFile != null && !keysetFile.toString().isBlank();
    }
}
