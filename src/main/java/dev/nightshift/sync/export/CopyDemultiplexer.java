package dev.nightshift.sync.export;

import dev.nightshift.sync.snapshot.SequenceValue;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpooledTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the SQL that {@code pg_restore --data-only -f -} writes into one masked COPY file per table (the
 * rows between {@code COPY ... FROM stdin;} and the {@code \.} line, through a {@link MaskedPartWriter}) and the sequence values of its
 * {@code setval} calls. Everything else in the script (SET lines, comments) is dropped.
 */
final class CopyDemultiplexer extends OutputStream {

    private static final Pattern SETVAL = Pattern.compile(
            "^SELECT pg_catalog\\.setval\\('((?:[^']|'')*)', (-?\\d+), (true|false)\\);$");
    private static final Pattern ENCODING = Pattern.compile("^SET client_encoding = '([^']*)';$");

    private enum State { OUTSIDE, LINE_START, MID_LINE, BACKSLASH, BACKSLASH_DOT }

    private final SpoolFiles files;
    private final MaskingSpool masking;
    /** A table's rows go to a new file after this many bytes (at a row's end). */
    private final long partBytes;
    private final List<SpooledTable> tables = new ArrayList<>();
    private final List<SequenceValue> sequences = new ArrayList<>();
    private final ByteArrayOutputStream scriptLine = new ByteArrayOutputStream();
    private State state = State.OUTSIDE;
    private MaskedPartWriter current;
    private SpooledTable currentShape;
    private List<String> currentNames;
    private String currentFile;
    private long bytes;

    CopyDemultiplexer(SpoolFiles files, MaskingSpool masking, long partBytes) {
        this.files = files;
        this.masking = masking;
        this.partBytes = partBytes;
    }

    List<SpooledTable> tables() {
        return List.copyOf(tables);
    }

    List<SequenceValue> sequences() {
        return List.copyOf(sequences);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (state == State.OUTSIDE) {
                i = scriptBytes(buffer, i, end);
            } else {
                i = rowBytes(buffer, i, end);
            }
        }
    }

    /** Collects one line of the script around the COPY blocks; returns where it stopped. */
    private int scriptBytes(byte[] buffer, int i, int end) throws IOException {
        int newline = indexOf(buffer, i, end);
        if (newline < 0) {
            scriptLine.write(buffer, i, end - i);
            return end;
        }
        scriptLine.write(buffer, i, newline - i);
        String line = scriptLine.toString(StandardCharsets.UTF_8);
        scriptLine.reset();
        scriptLine(line);
        return newline + 1;
    }

    private void scriptLine(String line) throws IOException {
        Matcher encoding = ENCODING.matcher(line);
        if (encoding.matches() && !encoding.group(1).equalsIgnoreCase("UTF8")) {
            throw new IOException("the backup's data is encoded in " + encoding.group(1)
                    + "; the sync reads UTF8 only; use --source live (the server converts to UTF8)");
        }
        Matcher setval = SETVAL.matcher(line);
        if (setval.matches()) {
            sequences.add(new SequenceValue(setval.group(1).replace("''", "'"), Long.parseLong(setval.group(2)),
                    Boolean.parseBoolean(setval.group(3))));
            return;
        }
        List<String> names = SqlNames.copyLine(line);
        if (names != null) {
            currentNames = names;
            openPart();
            state = State.LINE_START;
        }
    }

    /** Copies row bytes to the table's file until the {@code \.} line; returns where it stopped. */
    private int rowBytes(byte[] buffer, int i, int end) throws IOException {
        while (i < end && state != State.OUTSIDE) {
            switch (state) {
                case LINE_START -> {
                    if (buffer[i] == '\\') {
                        state = State.BACKSLASH;
                        i++;
                    } else {
                        state = State.MID_LINE;
                    }
                }
                case MID_LINE -> {
                    int newline = indexOf(buffer, i, end);
                    int stop = newline < 0 ? end : newline + 1;
                    emit(buffer, i, stop - i);
                    if (newline >= 0) {
                        state = State.LINE_START;
                        if (bytes >= partBytes) {
                            nextPart();
                        }
                    }
                    i = stop;
                }
                case BACKSLASH -> {
                    if (buffer[i] == '.') {
                        state = State.BACKSLASH_DOT;
                        i++;
                    } else {
                        emit(new byte[]{'\\'}, 0, 1);
                        state = State.MID_LINE;
                    }
                }
                case BACKSLASH_DOT -> {
                    if (buffer[i] == '\n') {
                        finishTable();
                        i++;
                    } else {
                        emit(new byte[]{'\\', '.'}, 0, 2);
                        state = State.MID_LINE;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return i;
    }

    private void emit(byte[] buffer, int offset, int length) throws IOException {
        current.write(buffer, offset, length);
        bytes += length;
    }

    private void finishTable() throws IOException {
        finishPart();
        current = null;
        state = State.OUTSIDE;
    }

    private void finishPart() throws IOException {
        current.close();
        tables.add(masking.finish(currentShape, current));
    }

    /** A big table goes on in a file of its own, so that two threads can load it. */
    private void nextPart() throws IOException {
        finishPart();
        openPart();
    }

    private void openPart() throws IOException {
        currentFile = files.nextTableFile();
        currentShape = SpooledTable.shape(currentNames.get(0), currentNames.get(1),
                currentNames.subList(2, currentNames.size()), currentFile, false, List.of());
        try {
            current = masking.open(currentShape);
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot read the masking plan of " + currentShape.qualifiedName() + ": " + e.getMessage(), e);
        }
        bytes = 0;
    }

    @Override
    public void close() throws IOException {
        if (state != State.OUTSIDE) {
            throw new IOException("the backup's data ended inside the rows of " + currentNames.get(0) + "."
                    + currentNames.get(1) + "; the artifact is truncated");
        }
    }

    private static int indexOf(byte[] buffer, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
