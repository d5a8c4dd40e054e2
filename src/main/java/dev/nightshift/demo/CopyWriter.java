package dev.nightshift.demo;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Streams rows into one table with COPY FROM STDIN (text format). COPY rather than batched INSERTs because
 * the demo must load 100,000 users with their tokens, sessions and audit trail in seconds; the buffer is
 * flushed every megabyte so memory stays flat whatever the row count.
 */
final class CopyWriter implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 8192);
    private boolean finished;

    private CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    /** Table and column names are the demo schema's own constants, never user input. */
    static CopyWriter open(Connection c, String table, String columns) throws SQLException {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        return new CopyWriter(c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
    }

    /** Values are written with {@code toString()}; {@code null} is SQL NULL and {@code byte[]} is bytea. */
    void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            append(values[i]);
        }
        buffer.append('\n');
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Ends the COPY and returns the row count the server reports, i.e. what was actually stored. */
    long finish() throws SQLException {
        flush();
        finished = true;
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        // A COPY left open makes every later statement on the connection fail, so abandon it on error.
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void append(Object value) {
        if (value == null) {
            buffer.append("\\N");
        } else if (value instanceof byte[] bytes) {
            // bytea hex input is \x..., and the backslash itself must be escaped in COPY text format.
            buffer.append("\\\\x").append(HEX.formatHex(bytes));
        } else {
            escape(value.toString());
        }
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(ch);
            }
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
