package dev.nightshift.backup;

import dev.nightshift.config.BackupProperties.Compression;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compression of backup artifacts through Commons Compress. pg_dump runs with -Z0 and the compression
 * happens here, because zstd is several times faster than pg_dump's built-in zlib at a similar ratio, and
 * its worker threads compress while pg_dump is still reading from the server. zstd's default here is
 * level 1: on the benchmark database (docs/benchmarks.md) it took a third less CPU than level 3 and, in
 * multi-threaded mode, even made a smaller file.
 */
final class ArtifactCodec {

    private ArtifactCodec() {
    }

    static OutputStream compress(OutputStream out, Compression compression, int level) throws IOException {
        return switch (compression) {
            case ZSTD -> ZstdCompressorOutputStream.builder()
                    .setOutputStream(out)
                    .setLevel(level == 0 ? 1 : level)
                    .setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors() - 1))
                    .setChecksum(true)
                    .get();
            case GZIP -> {
                GzipParameters parameters = new GzipParameters();
                parameters.setCompressionLevel(level == 0 ? 6 : level);
                yield new GzipCompressorOutputStream(out, parameters);
            }
            case NONE -> out;
        };
    }

    static InputStream decompress(InputStream in, Compression compression) throws IOException {
        return switch (compression) {
            case ZSTD -> new ZstdCompressorInputStream(in);
            case GZIP -> new GzipCompressorInputStream(in, true);
            case NONE -> in;
        };
    }
}
