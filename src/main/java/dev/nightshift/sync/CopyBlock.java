package dev.nightshift.sync;

/** Consecutive whole rows of one table in COPY text format (each ending with a line feed). */
record CopyBlock(byte[] data, int length, int rows) {
}
