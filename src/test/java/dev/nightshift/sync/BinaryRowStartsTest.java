package dev.nightshift.sync;

import dev.nightshift.postgres.CopyBinary;
import dev.nightshift.sync.masking.ByteSink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BinaryRowStartsTest {

    @Test
    void findsEveryRowStartWhateverChunksTheStreamArrivesIn() throws IOException {
        // given a COPY binary stream: header, rows with a NULL, an empty value, a long value, then the trailer
        ByteSink stream = new ByteSink(64);
        stream.write(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
        List<Long> expected = new ArrayList<>();
        for (int row = 0; row < 50; row++) {
            expected.add((long) stream.size());
            stream.writeShort(3);
            stream.writeInt(8);
            stream.write(new byte[8], 0, 8);
            stream.writeInt(row % 5 == 0 ? -1 : 0);
            byte[] text = "x".repeat(row * 7).getBytes(StandardCharsets.UTF_8);
            stream.writeInt(text.length);
            stream.write(text, 0, text.length);
        }
        stream.write(CopyBinary.TRAILER, 0, 2);
        byte[] bytes = Arrays.copyOf(stream.array(), stream.size());

        for (int chunk : new int[] {1, 3, 7, 4096, bytes.length}) {
            // when it is written in chunks of that size
            List<Long> starts = new ArrayList<>();
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            try (BinaryRowStarts out = new BinaryRowStarts(copy, starts::add)) {
                for (int at = 0; at < bytes.length; at += chunk) {
                    out.write(bytes, at, Math.min(chunk, bytes.length - at));
                }
            }

            // then the bytes pass unchanged and every row start is reported once, the trailer not
            assertThat(copy.toByteArray()).isEqualTo(bytes);
            assertThat(starts).as("chunks of %d bytes", chunk).isEqualTo(expected);
        }
    }
}
