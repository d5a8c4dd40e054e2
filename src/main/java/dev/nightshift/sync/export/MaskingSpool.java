package dev.nightshift.sync.export;

import dev.nightshift.sync.leak.WrittenValues;
import dev.nightshift.config.ConfigurationException;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.sync.leak.LeakPlan;
import dev.nightshift.sync.leak.Originals;
import dev.nightshift.sync.leak.OriginalsCollection;
import dev.nightshift.sync.leak.OwnOriginalCheck;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.RowMasker;
import dev.nightshift.sync.masking.TableRules;
import dev.nightshift.sync.snapshot.SpoolFiles;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.sync.snapshot.TableRoots;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the extraction writes: every table part goes through a {@link MaskedPartWriter}, so the spool holds
 * masked rows only, while the originals are fingerprinted in memory. The rules and the column kinds come
 * from the source's catalog, read on one connection of its own.
 */
public final class MaskingSpool implements AutoCloseable {

    private final SpoolFiles files;
    private final MaskingRules rules;
    private final byte[] salt;
    private final Connection catalog;
    private final OriginalsCollection originals;
    private final Map<String, LeakPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, String> filters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> maskedColumns = new ConcurrentHashMap<>();
    private volatile Originals known;

    MaskingSpool(SpoolFiles files, MaskingRules rules, byte[] salt, PgTarget source) throws SQLException {
        this.files = files;
        this.rules = rules;
        this.salt = salt;
        this.catalog = source.connect();
        this.originals = new OriginalsCollection(salt, expectedValues(catalog));
    }

    /** A writer for the part {@code shape} describes; it must be closed, then handed to {@link #finish}. */
    MaskedPartWriter open(SpooledTable shape) throws IOException, SQLException {
        TableRules tableRules = tableRules(shape);
        LeakPlan plan = plan(shape, tableRules);
        for (String column : shape.columns()) {
            // the rules were checked against the live source; a backup's schema may be another one
            if (!tableRules.skipData() && !tableRules.keepAll() && !tableRules.masked().containsKey(column) && !tableRules.kept().contains(column)) {
                throw new ConfigurationException("the masking rules do not cover column " + column + " of "
                        + shape.qualifiedName() + " in the source data; nothing of it was written. Add it to the"
                        + " table's rules (masked, or under keep: once reviewed)");
            }
        }
        plans.put(shape.file(), plan);
        if (tableRules.filter() != null) {
            filters.put(shape.qualifiedName(), tableRules.filter());
        }
        maskedColumns.put(shape.qualifiedName(), shape.columns().stream().filter(c -> tableRules.masked().containsKey(c)
                && !"keep".equals(tableRules.masked().get(c).strategy())).toList());
        var out = new BufferedOutputStream(files.create(shape.file()), 1 << 20);
        if (tableRules.skipData()) {
            return new MaskedPartWriter(out, shape.binary(), null, null, null, null);
        }
        RowMasker masker = RowMasker.forTable(shape.columns(), shape.types(), tableRules, salt);
        Originals before = known;
        return new MaskedPartWriter(out, shape.binary(), new BlockMasker(masker, shape.binary()),
                before == null ? originals.part(plan) : null, new OwnOriginalCheck(plan),
                before == null ? null : new WrittenValues(plan, before));
    }

    /**
     * What fingerprints the originals of {@code shape}'s rows before any is extracted ({@link OriginalsPass}),
     * reading only the columns whose originals are fingerprinted; empty when it has none.
     */
    Optional<OriginalsReader> originalsReader(SpooledTable shape) throws SQLException {
        TableRules tableRules = tableRules(shape);
        if (tableRules.skipData()) {
            return Optional.empty();
        }
        LeakPlan full = plan(shape, tableRules);
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < shape.columns().size(); i++) {
            if (full.masked(i) && !Originals.commonValues(full.rules[i])) {
                columns.add(shape.columns().get(i));
                types.add(i < shape.types().size() ? shape.types().get(i) : "");
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        SpooledTable projected = SpooledTable.shape(shape.schema(), shape.name(), columns, shape.file(),
                shape.binary(), types);
        return Optional.of(new OriginalsReader(columns, shape.binary(), originals.part(plan(projected, tableRules))));
    }

    /**
     * Ends the fingerprinting of the originals before the extraction: from now on every part is checked while
     * it is written, so it is complete, and may be loaded, as soon as it is closed.
     */
    void originalsComplete() {
        known = originals.build();
    }

    SpooledTable finish(SpooledTable shape, MaskedPartWriter closed) {
        SpooledTable extracted = shape.extracted(closed.rows(), closed.bytes(), closed.ownOriginalLeaks());
        WrittenValues written = closed.written();
        return written == null ? extracted : extracted.checked(written.tally(), written.lookups());
    }

    /** Whether every part is checked as it is written (the originals were fingerprinted first). */
    boolean checksWhileWriting() {
        return known != null;
    }

    private TableRules tableRules(SpooledTable shape) throws SQLException {
        String root;
        synchronized (catalog) {
            root = TableRoots.root(catalog, shape);
        }
        return rules.table(root).orElseThrow(() -> new IllegalStateException(
                "no masking rules for " + root + " (the validation should have stopped the sync)"));
    }

    private LeakPlan plan(SpooledTable shape, TableRules tableRules) throws SQLException {
        synchronized (catalog) {
            return LeakPlan.of(catalog, TableRoots.root(catalog, shape), shape, tableRules);
        }
    }

    Map<String, String> filters() {
        return Map.copyOf(filters);
    }

    Map<String, List<String>> maskedColumns() {
        return Map.copyOf(maskedColumns);
    }

    /** How the leak check treats the columns of a spooled part. */
    public LeakPlan plan(String file) {
        return plans.get(file);
    }

    /** The fingerprints of every original; call once every part is closed. */
    Originals originals() {
        Originals before = known;
        return before == null ? originals.build() : before;
    }

    /** Sizes the fingerprints' prefilter: the source's estimated rows, twice (it is capped anyway). */
    private static long expectedValues(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT coalesce(sum(greatest(reltuples, 0)), 0)::bigint FROM pg_class WHERE relkind = 'r'")) {
            rs.next();
            return 2 * rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        catalog.close();
    }
}
