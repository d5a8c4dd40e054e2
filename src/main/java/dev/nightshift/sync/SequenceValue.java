package dev.nightshift.sync;

/** A sequence's state in the source: {@code name} as regclass text ({@code public."Users_id_seq"}). */
record SequenceValue(String name, long value, boolean called) {
}
