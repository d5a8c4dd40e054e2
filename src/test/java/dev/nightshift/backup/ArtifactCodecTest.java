package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ArtifactCodecTest {

    @ParameterizedTest
    @EnumSource(Compression.class)
    void whatIsCompressedDecompressesToTheSameBytes(Compression compression) throws Exception {
        // given repetitive data, as dumps are
        byte[] original = "INSERT some row of a table;\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);

        // when
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = ArtifactCodec.compress(stored, compression, 0)) {
            out.write(original);
        }
        byte[] restored = ArtifactCodec.decompress(new ByteArrayInputStream(stored.toByteArray()), compression).readAllBytes();

        // then
        assertThat(restored).isEqualTo(original);
        if (compression == Compression.NONE) {
            assertThat(stored.size()).isEqualTo(original.length);
        } else {
            assertThat(stored.size()).isLessThan(original.length / 20);
        }
    }
}
