package dev.nightshift.sync;

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
