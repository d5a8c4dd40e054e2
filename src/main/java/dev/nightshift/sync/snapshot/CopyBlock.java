package dev.nightshift.sync.snapshot;

/** Consecutive whole rows of one table in COPY text format (each ending with a line feed). */
public record CopyBlock(byte[] data, int length, int rows) {
}
