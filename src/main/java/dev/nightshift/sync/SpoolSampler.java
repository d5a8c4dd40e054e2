package dev.nightshift.sync;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.postgres.CopyText;
import dev.nightshift.sync.masking.BinaryCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks up to n rows spread evenly over a spooled table file: it seeks to n evenly spaced offsets and takes
 * the first whole row after each, so a sample of a gigabyte table costs n short reads.
 */
final class SpoolSampler {

    private SpoolSampler() {
    }

    /**
     * Up to n rows of a spooled table as COPY text lines. A binary file has no line ends to seek to: its
     * rows are read at the offsets the extraction recorded ({@link EvenRowOffsets}) and converted to text;
     * columns without a {@link BinaryCodec} (none the masking reads) come out as NULL.
     */
    static List<String> sample(Path spool, SpooledTable table, int n) throws IOException {
        Path file = spool.resolve(table.file());
        if (!table.binary()) {
            return sample(file, table.bytes(), n);
        }
        BinaryCodec[] codecs = table.types().stream().map(BinaryCodec::forType).toArray(BinaryCodec[]::new);
        return n <= 0 ? List.of() : atOffsets(file, table.sampleOffsets(), n, codecs);
    }

    /** Up to n of the recorded row offsets, evenly spread, each row read with one positioned read. */
    private static List<String> atOffsets(Path file, List<Long> offsets, int n, BinaryCodec[] codecs) throws IOException {
        List<String> rows = new ArrayList<>();
        double stride = Math.max(1.0, offsets.size() / (double) n);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            for (double i = 0; i < offsets.size() && rows.size() < n; i += stride) {
                long at = offsets.get((int) i);
                while (true) {
                    buffer.clear();
                    channel.read(buffer, at);
                    int end = CopyBinary.rowEnd(buffer.array(), 0, buffer.position());
                    if (end >= 0) {
                        rows.add(textLine(buffer.array(), 0, codecs));
                        break;
                    }
                    if (buffer.position() < buffer.capacity()) {
                        throw new IOException(file + " ends inside the row at offset " + at + "; the spool is damaged,"
                                + " run the sync again");
                    }
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2); // a row bigger than the buffer
                }
            }
        }
        return rows;
    }

    private static String textLine(byte[] data, int start, BinaryCodec[] codecs) {
        List<String> fields = new ArrayList<>(codecs.length);
        int position = start + 2;
        for (BinaryCodec codec : codecs) {
            int length = CopyBinary.int32(data, position);
            position += 4;
            fields.add(length < 0 || codec == null ? null : codec.decode(data, position, length));
            position += Math.max(0, length);
        }
        StringBuilder line = new StringBuilder();
        CopyText.format(fields, line);
        return line.toString();
    }

    static List<String> sample(Path file, long bytes, int n) throws IOException {
        List<String> rows = new ArrayList<>();
        if (bytes == 0 || n <= 0) {
            return rows;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long lastStart = -1;
            for (int i = 0; i < n; i++) {
                long at = bytes * i / n;
                long start = at == 0 ? 0 : nextRowStart(channel, at);
                if (start < 0 || start >= bytes || start == lastStart) {
                    continue;
                }
                lastStart = start;
                rows.add(rowAt(channel, start));
            }
        }
        return rows;
    }

    /** The offset just after the first line feed at or after {@code at - 1}, or -1 at the end. */
    private static long nextRowStart(FileChannel channel, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long position = at - 1;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
            position += n;
        }
    }

    private static String rowAt(FileChannel channel, long start) throws IOException {
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long position = start;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    row.write(buffer.array(), 0, i);
                    return row.toString(StandardCharsets.UTF_8);
                }
            }
            row.write(buffer.array(), 0, n);
            position += n;
        }
        return row.toString(StandardCharsets.UTF_8);
    }
}
