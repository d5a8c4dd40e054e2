package dev.nightshift.sync.snapshot;

import dev.nightshift.postgres.CopyBinary;

import com.github.luben.zstd.ZstdInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a spooled table file in blocks of whole rows from a byte offset, counting what it consumed, so a
 * checkpoint is a (offset, rows) pair a restart can seek to. Text files are rows ending in line feeds;
 * binary files are a header, rows framed by field lengths, and a trailer (offsets count the header, and a
 * block never holds the header or the trailer).
 */
public final class SpoolReader implements AutoCloseable {

    // a chunk is up to chunk-rows / 1000 blocks: this bounds what a chunk of wide rows holds in memory
    private static final int MAX_BLOCK_BYTES = 1 << 20;

    private final ReadableByteChannel channel;
    private final boolean binary;
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean ended;
    private long offset;
    private long rows;

    public SpoolReader(Path file, long offset, long rows, boolean binary) throws IOException {
        this.channel = open(file, offset);
        this.binary = binary;
        this.offset = offset;
        this.rows = rows;
        if (binary && offset == 0) {
            int header;
            while ((header = CopyBinary.headerLength(buffer, limit)) < 0) {
                if (!fill()) {
                    throw new IOException(file + " ends inside its COPY header; the spool is damaged, run the sync again");
                }
            }
            position = header;
            this.offset = header;
        }
    }

    /** A compressed part is read from its start and the bytes before {@code offset} skipped. */
    private static ReadableByteChannel open(Path file, long offset) throws IOException {
        if (!file.getFileName().toString().endsWith(SpoolFiles.COMPRESSED)) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return channel;
        }
        InputStream in = new ZstdInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        try {
            in.skipNBytes(offset);
        } catch (java.io.EOFException e) {
            in.close();
            throw new IOException(file + " ends before byte " + offset + "; the spool is damaged, run the sync again");
        }
        return Channels.newChannel(in);
    }

    public long offset() {
        return offset;
    }

    public long rows() {
        return rows;
    }

    /** Up to {@code maxRows} whole rows (fewer when a block would pass 1 MiB), or null at the end of the file. */
    public CopyBlock next(int maxRows) throws IOException {
        int start = position;
        int count = 0;
        while (count < maxRows && !ended && position - start < MAX_BLOCK_BYTES) {
            int end = rowEnd(position);
            if (end < 0) {
                if (count > 0) {
                    break; // the partial row starts the next block
                }
                compact(position);
                start = 0;
                position = 0;
                if (!fill()) {
                    if (limit > 0 || binary) {
                        throw new IOException("the spooled rows end in the middle of a row or without the COPY trailer"
                                + " (offset " + (offset + position) + "); the spool is damaged, run the sync again");
                    }
                    break;
                }
                continue;
            }
            if (binary && CopyBinary.isTrailer(buffer, position)) {
                ended = true;
                break;
            }
            position = end;
            count++;
        }
        if (count == 0) {
            return null;
        }
        byte[] data = Arrays.copyOfRange(buffer, start, position);
        offset += data.length;
        rows += count;
        return new CopyBlock(data, data.length, count);
    }

    private int rowEnd(int at) {
        if (binary) {
            return CopyBinary.rowEnd(buffer, at, limit);
        }
        byte[] b = buffer;
        for (int i = at; i < limit; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Moves the unread bytes from {@code from} to the front. */
    private void compact(int from) {
        if (from > 0) {
            System.arraycopy(buffer, from, buffer, 0, limit - from);
            limit -= from;
        }
    }

    /** Reads more after {@code limit}, growing the buffer when a row fills it; false at the end of the file. */
    private boolean fill() throws IOException {
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
