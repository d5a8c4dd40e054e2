package dev.nightshift.postgres;

/**
 * PostgreSQL's COPY binary format: a header, then per row a 16-bit field count and per field a 32-bit
 * length (-1 for NULL) and the value in the type's binary (send/receive) form, then a trailer. The server
 * neither prints nor parses text for it, which makes a copy of timestamps and numbers about a third
 * cheaper for both servers; rows are framed by lengths, so a reader never looks inside a value it keeps.
 */
public final class CopyBinary {

    /** The signature, no flags (no OIDs), no header extension. */
    public static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    public static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final int SIGNATURE = 11;

    private CopyBinary() {
    }

    /**
     * The length of the header at the start of {@code data} (signature, flags and extension area), or -1
     * when fewer than {@code length} bytes hold it whole.
     *
     * @throws IllegalArgumentException when the data does not start with the COPY binary signature
     */
    public static int headerLength(byte[] data, int length) {
        if (length < HEADER.length) {
            return -1;
        }
        for (int i = 0; i < SIGNATURE; i++) {
            if (data[i] != HEADER[i]) {
                throw new IllegalArgumentException("not a COPY binary stream: the signature does not match");
            }
        }
        int total = HEADER.length + int32(data, SIGNATURE + 4);
        return total <= length ? total : -1;
    }

    public static int int32(byte[] data, int at) {
        return (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff);
    }

    public static int int16(byte[] data, int at) {
        return (short) ((data[at] & 0xff) << 8 | (data[at + 1] & 0xff));
    }

    /**
     * The end of the row starting at {@code at}, or -1 when the row does not end before {@code limit}.
     * A row starting with the trailer (field count -1) ends after it.
     */
    public static int rowEnd(byte[] data, int at, int limit) {
        if (at + 2 > limit) {
            return -1;
        }
        int fields = int16(data, at);
        int position = at + 2;
        for (int f = 0; f < fields; f++) {
            if (position + 4 > limit) {
                return -1;
            }
            int length = int32(data, position);
            position += 4 + Math.max(0, length);
        }
        return position <= limit ? position : -1;
    }

    /** Whether the row at {@code at} is the trailer. */
    public static boolean isTrailer(byte[] data, int at) {
        return int16(data, at) == -1;
    }
}
