package dev.nightshift.sync.schema;

import java.util.Objects;

/**
 * One column of a live table. {@code type} is PostgreSQL's own spelling ({@code format_type}), e.g.
 * {@code character varying(255)}. A {@code generated} column is never copied: the target recomputes it
 * from {@code generation} (its expression as PostgreSQL prints it; null for other columns).
 */
public record LiveColumn(String name, String type, boolean notNull, boolean generated, boolean identity,
                         String generation) {

    public LiveColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public LiveColumn(String name, String type, boolean notNull, boolean generated, boolean identity) {
        this(name, type, notNull, generated, identity, null);
    }
}
