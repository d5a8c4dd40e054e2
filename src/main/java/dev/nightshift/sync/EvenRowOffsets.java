package dev.nightshift.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the offsets of evenly spaced rows of a file read once from start to end, without knowing the row
 * count in advance: every step-th row is kept, and when twice the wanted number is reached every other
 * one is dropped and the step doubles. The samplers then seek straight to these rows, which a binary COPY
 * file (no line ends to look for) could not give them otherwise.
 */
final class EvenRowOffsets {

    private final int wanted;
    private final List<Long> offsets = new ArrayList<>();
    private long step = 1;
    private long untilNext; // rows to pass before the next kept one

    EvenRowOffsets(int wanted) {
        this.wanted = Math.max(1, wanted);
    }

    void row(long offset) {
        if (untilNext > 0) {
            untilNext--;
            return;
        }
        untilNext = step - 1;
        offsets.add(offset);
        if (offsets.size() >= 2 * wanted) {
            for (int i = 0; i < wanted; i++) {
                offsets.set(i, offsets.get(2 * i));
            }
            offsets.subList(wanted, offsets.size()).clear();
            step *= 2; // the row just kept was at an odd multiple of the old step: the next is one old step on
        }
    }

    /** Between {@code wanted} and twice as many offsets (fewer when the file has fewer rows), ascending. */
    List<Long> offsets() {
        return List.copyOf(offsets);
    }
}
