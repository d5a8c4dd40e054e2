package dev.nightshift.sync.snapshot;

/** A sequence's state in the source: {@code name} as regclass text ({@code public."Users_id_seq"}). */
public record SequenceValue(String name, long value, boolean called) {
}
