package dev.nightshift.sync.masking;

import java.util.Arrays;

/** A growable byte buffer without the per-call locking of ByteArrayOutputStream: the masking's output path. */
public final class ByteSink {

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void write(byte[] data, int from, int length) {
        ensure(length);
        System.arraycopy(data, from, bytes, size, length);
        size += length;
    }

    public void writeShort(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >> 8);
        bytes[size++] = (byte) value;
    }

    public void writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >> 24);
        bytes[size++] = (byte) (value >> 16);
        bytes[size++] = (byte) (value >> 8);
        bytes[size++] = (byte) value;
    }

    public int size() {
        return size;
    }

    /** The buffer itself (valid up to {@link #size()}); the sink must not be written to afterwards. */
    public byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
