package dev.nightshift.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a spooled table file in blocks of whole rows from a byte offset, counting what it consumed, so a
 * checkpoint is a (offset, rows) pair a restart can seek to.
 */
final class SpoolReader implements AutoCloseable {

    private static final int MAX_BLOCK_BYTES = 8 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private long offset;
    private long rows;

    SpoolReader(Path file, long offset, long rows) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        this.in = Channels.newInputStream(channel);
        this.offset = offset;
        this.rows = rows;
    }

    long offset() {
        return offset;
    }

    long rows() {
        return rows;
    }

    /** Up to {@code maxRows} whole rows (fewer when a block would pass 8 MiB), or null at the end of the file. */
    CopyBlock next(int maxRows) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream(64 * 1024);
        int count = 0;
        while (count < maxRows && block.size() < MAX_BLOCK_BYTES) {
            if (position == limit && !fill()) {
                break;
            }
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline + 1;
            block.write(buffer, position, end - position);
            offset += end - position;
            position = end;
            if (newline >= 0) {
                count++;
            }
        }
        if (block.size() == 0) {
            return null;
        }
        byte[] data = block.toByteArray();
        if (count == 0 || data[data.length - 1] != '\n') {
            throw new IOException("the spooled rows end in the middle of a row (offset " + offset
                    + "); the spool is damaged, run the sync again");
        }
        rows += count;
        return new CopyBlock(data, data.length, count);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
