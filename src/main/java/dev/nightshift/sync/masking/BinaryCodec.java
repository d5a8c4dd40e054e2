package dev.nightshift.sync.masking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Converts a value between its COPY binary form and the PostgreSQL text form the masking strategies work
 * on, for the types whose binary form is simple and fixed. A table whose masked (or otherwise read) columns
 * have another type is copied in text format instead.
 */
public interface BinaryCodec {

    String decode(byte[] data, int from, int length);

    byte[] encode(String text);

    /** The codec of a built-in type by its name in pg_type, or null when there is none. */
    static BinaryCodec forType(String type) {
        return switch (type) {
            case "text", "varchar", "bpchar", "name", "json", "xml" -> Utf8.INSTANCE;
            case "jsonb" -> Jsonb.INSTANCE;
            case "int2" -> new Int(2);
            case "int4" -> new Int(4);
            case "int8" -> new Int(8);
            case "uuid" -> Uuid.INSTANCE;
            case "bool" -> Bool.INSTANCE;
            case "bytea" -> Bytea.INSTANCE;
            default -> null;
        };
    }

    /** text and its kin: the value's UTF-8 bytes (the client encoding of every Nightshift connection). */
    enum Utf8 implements BinaryCodec {
        INSTANCE;

        @Override
        public String decode(byte[] data, int from, int length) {
            return new String(data, from, length, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] encode(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** jsonb: a version byte (1) and the text. */
    enum Jsonb implements BinaryCodec {
        INSTANCE;

        @Override
        public String decode(byte[] data, int from, int length) {
            if (length < 1 || data[from] != 1) {
                throw new IllegalArgumentException("unsupported jsonb binary version " + (length < 1 ? "(empty)" : data[from]));
            }
            return new String(data, from + 1, length - 1, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] encode(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[utf8.length + 1];
            out[0] = 1;
            System.arraycopy(utf8, 0, out, 1, utf8.length);
            return out;
        }
    }

    /** int2, int4, int8: big-endian two's complement. */
    record Int(int size) implements BinaryCodec {

        @Override
        public String decode(byte[] data, int from, int length) {
            if (length != size) {
                throw new IllegalArgumentException("an int" + size + " value of " + length + " bytes");
            }
            long value = data[from];
            for (int i = 1; i < size; i++) {
                value = value << 8 | (data[from + i] & 0xff);
            }
            return Long.toString(value);
        }

        @Override
        public byte[] encode(String text) {
            long value = Long.parseLong(text.trim());
            long min = -(1L << (size * 8 - 1));
            if (size < 8 && (value < min || value > -min - 1)) {
                throw new IllegalArgumentException("value " + text + " is out of range for int" + size);
            }
            byte[] out = new byte[size];
            for (int i = size - 1; i >= 0; i--) {
                out[i] = (byte) value;
                value >>= 8;
            }
            return out;
        }
    }

    enum Uuid implements BinaryCodec {
        INSTANCE;

        @Override
        public String decode(byte[] data, int from, int length) {
            ByteBuffer b = ByteBuffer.wrap(data, from, length);
            return new UUID(b.getLong(), b.getLong()).toString();
        }

        @Override
        public byte[] encode(String text) {
            UUID uuid = UUID.fromString(text.trim());
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        }
    }

    enum Bool implements BinaryCodec {
        INSTANCE;

        @Override
        public String decode(byte[] data, int from, int length) {
            return data[from] != 0 ? "t" : "f";
        }

        @Override
        public byte[] encode(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "t", "true" -> new byte[] {1};
                case "f", "false" -> new byte[] {0};
                default -> throw new IllegalArgumentException("not a boolean: " + text);
            };
        }
    }

    /** bytea: the raw bytes; its text form is the hex format, {@code \\x} and two digits per byte. */
    enum Bytea implements BinaryCodec {
        INSTANCE;

        @Override
        public String decode(byte[] data, int from, int length) {
            return "\\x" + java.util.HexFormat.of().formatHex(data, from, from + length);
        }

        @Override
        public byte[] encode(String text) {
            if (!text.startsWith("\\x")) {
                throw new IllegalArgumentException("a bytea value must be written in hex format (\\x...), found "
                        + text.length() + " characters in another format");
            }
            return java.util.HexFormat.of().parseHex(text, 2, text.length());
        }
    }
}
