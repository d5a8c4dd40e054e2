package dev.nightshift.backup;

import java.nio.charset.StandardCharsets;

/**
 * pg_dump's archive fields read from a window of bytes: integers (a sign byte, then {@code intSize} bytes,
 * least significant first), strings (a length, -1 for null, then the bytes). A read past the window throws
 * {@link Underflow}, so a field cut by the end of a write is retried once more bytes came.
 */
final class ArchiveFields {

    /** The window ends before the field does; carries no stack trace, it is thrown often. */
    static final class Underflow extends RuntimeException {
        Underflow() {
            super(null, null, false, false);
        }
    }

    private static final Underflow UNDERFLOW = new Underflow();

    private byte[] src;
    private int pos;
    private int limit;
    private int intSize = 4;

    void reset(byte[] bytes, int from, int to) {
        src = bytes;
        pos = from;
        limit = to;
    }

    int position() {
        return pos;
    }

    int intSize() {
        return intSize;
    }

    void intSize(int bytes) {
        if (bytes < 1 || bytes > 8) {
            throw new IllegalArgumentException("unexpected integer size " + bytes + " in the archive header");
        }
        intSize = bytes;
    }

    int readByte() {
        if (pos >= limit) {
            throw UNDERFLOW;
        }
        return src[pos++] & 0xff;
    }

    void skip(int n) {
        if (limit - pos < n) {
            throw UNDERFLOW;
        }
        pos += n;
    }

    /** pg_dump's integer: a sign byte, then {@code intSize} bytes, least significant first. */
    int readInt() {
        boolean negative = readByte() != 0;
        long value = readUnsignedPart();
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer out of range: " + value);
        }
        return negative ? -(int) value : (int) value;
    }

    /** An oid: unsigned, so it may not fit an int. */
    long readUnsigned() {
        readByte();
        return readUnsignedPart();
    }

    private long readUnsignedPart() {
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    String readString() {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        skip(length);
        return new String(src, pos - length, length, StandardCharsets.UTF_8);
    }

    void skipString() {
        int length = readInt();
        if (length > 0) {
            skip(length);
        }
    }
}
