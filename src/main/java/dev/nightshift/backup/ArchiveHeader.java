package dev.nightshift.backup;

import java.nio.charset.StandardCharsets;

/**
 * The header of a pg_dump custom-format archive: checks that it is one the row counter can read (a version it
 * knows, data not compressed by pg_dump) and sets the archive's integer size on the field reader.
 *
 * @param minor   the archive format's minor version: which fields a TOC entry has
 * @param offSize the size of a data offset in a TOC entry
 */
record ArchiveHeader(int minor, int offSize) {

    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int OLDEST_MINOR = 12; // PostgreSQL 11
    private static final int NEWEST_MINOR = 16; // PostgreSQL 17

    /** Reads the whole header, or throws {@link ArchiveFields.Underflow} when it is not all there yet. */
    static ArchiveHeader read(ArchiveFields in) {
        for (byte m : MAGIC) {
            if (in.readByte() != m) {
                throw new IllegalArgumentException("not a pg_dump custom-format archive (no PGDMP header)");
            }
        }
        int major = in.readByte();
        int minor = in.readByte();
        in.readByte(); // revision
        if (major != 1 || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new IllegalArgumentException("archive version " + major + "." + minor
                    + " is not one the row counter reads (1." + OLDEST_MINOR + " to 1." + NEWEST_MINOR + ")");
        }
        in.intSize(in.readByte());
        int offSize = in.readByte();
        if (in.readByte() != 1) {
            throw new IllegalArgumentException("not a custom-format archive");
        }
        int compression = minor >= 15 ? in.readByte() : in.readInt();
        if (compression != 0) {
            throw new IllegalArgumentException("the archive's data is compressed by pg_dump; the row counter needs -Z0");
        }
        for (int i = 0; i < 7; i++) {
            in.readInt(); // creation time
        }
        in.readString(); // database name
        in.readString(); // server version
        in.readString(); // pg_dump version
        return new ArchiveHeader(minor, offSize);
    }
}
