package dev.nightshift.objectstore;

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
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@link ObjectStore.Cipher} over a cleartext JSON keyset file (mounted from a secret). */
final class TinkStreamCipher implements ObjectStore.Cipher {

    private final Path keysetFile;
    private final StreamingAead aead;
    private final long primaryKeyId;
    private final Set<Long> keyIds;

    private TinkStreamCipher(Path keysetFile, StreamingAead aead, long primaryKeyId, Set<Long> keyIds) {
        this.keysetFile = keysetFile;
        this.aead = aead;
        this.primaryKeyId = primaryKeyId;
        this.keyIds = Collections.unmodifiableSet(keyIds);
    }

    static TinkStreamCipher load(Path keysetFile, String what, String setting) {
        String json;
        try {
            json = Files.readString(keysetFile);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the " + what + " keyset " + keysetFile + " (" + setting + "): "
                    + e.getClass().getSimpleName()
                    + "; mount the secret there, or create a keyset with: nightshift backups keygen --out FILE");
        }
        try {
            StreamingAeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            Set<Long> ids = new LinkedHashSet<>();
            for (int i = 0; i < keyset.size(); i++) {
                ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
            }
            return new TinkStreamCipher(keysetFile, keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class),
                    Integer.toUnsignedLong(keyset.getPrimary().getId()), ids);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigurationException("the " + what + " keyset " + keysetFile + " (" + setting + ") is not a Tink"
                    + " StreamingAead keyset in JSON (" + e.getMessage() + "); create one with: nightshift backups keygen --out FILE");
        }
    }

    static String generateKeyset() {
        try {
            StreamingAeadConfig.register();
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink cannot generate a keyset: " + e.getMessage(), e);
        }
    }

    @Override
    public long primaryKeyId() {
        return primaryKeyId;
    }

    @Override
    public Set<Long> keyIds() {
        return keyIds;
    }

    @Override
    public Path keysetFile() {
        return keysetFile;
    }

    @Override
    public OutputStream encrypt(OutputStream ciphertext, String associatedData) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream decrypt(InputStream ciphertext, String associatedData) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting: " + e.getMessage(), e);
        }
    }
}
