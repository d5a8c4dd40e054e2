package dev.nightshift.sync.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The tables of a live database the sync would copy, as the catalog describes them right now. */
public record LiveSchema(List<LiveTable> tables) {

    public LiveSchema {
        tables = List.copyOf(tables);
    }

    /** Reads in the connection's current transaction; run it in a repeatable-read one for a consistent picture. */
    public static LiveSchema read(Connection connection) throws SQLException {
        return new CatalogReader(connection).read();
    }

    public Optional<LiveTable> table(String qualifiedName) {
        return tables.stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst();
    }
}
