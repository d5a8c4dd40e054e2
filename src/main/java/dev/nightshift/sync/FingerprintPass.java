package dev.nightshift.sync;

import dev.nightshift.sync.leak.LeakVerifier;
import dev.nightshift.sync.leak.ValueParts;
import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.masking.MaskingRules;
import dev.nightshift.sync.masking.TableRules;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads every row of every masked table from the spool, before the first row is written, and fingerprints
 * each original value of each masked column (json columns: the parts under the rule's paths). Only then
 * can a value written into any table be judged: it may equal an original of a table loaded later.
 */
final class FingerprintPass {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BLOCK_ROWS = 1000;

    private FingerprintPass() {
    }

    static Originals run(Connection incoming, SpoolManifest manifest, MaskingRules rules, Path spool, byte[] salt,
                         int threads) throws Exception {
        long started = System.nanoTime();
        List<LeakPlan> plans = new ArrayList<>();
        long expected = 0;
        for (SpooledTable table : manifest.tables()) {
            String root = TableRoots.root(incoming, table);
            TableRules tableRules = rules.table(root).orElseThrow();
            LeakPlan plan = tableRules.skipData() ? null : LeakPlan.of(incoming, root, table, tableRules);
            plans.add(plan);
            for (int i = 0; plan != null && i < table.columns().size(); i++) {
                expected += plan.masked(i) ? table.rows() : 0;
            }
        }
        LeakVerifier.Builder builder = LeakVerifier.builder(salt, expected);
        Set<Integer> chance = new HashSet<>();
        List<Work> work = new ArrayList<>();
        for (int t = 0; t < plans.size(); t++) {
            LeakPlan plan = plans.get(t);
            if (plan == null) {
                continue;
            }
            SpooledTable table = manifest.tables().get(t);
            int[] sources = new int[table.columns().size()];
            boolean any = false;
            for (int i = 0; i < sources.length; i++) {
                sources[i] = -1;
                if (plan.masked(i)) {
                    sources[i] = builder.source(plan.table, table.columns().get(i));
                    if (Originals.chance(plan.rules[i])) {
                        chance.add(sources[i]);
                    }
                    if (!Originals.commonValues(plan.rules[i])) {
                        any = true;
                    } else {
                        sources[i] = -1;
                    }
                }
            }
            if (any) {
                work.add(new Work(table, plan, sources));
            }
        }
        AtomicLong values = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Work w : work) {
                done.add(pool.submit(() -> {
                    values.addAndGet(fingerprint(spool, w, builder));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Originals(builder.build(), Set.copyOf(chance), values.get(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private record Work(SpooledTable table, LeakPlan plan, int[] sources) {
    }

    private static long fingerprint(Path spool, Work w, LeakVerifier.Builder builder) throws Exception {
        long values = 0;
        RowFields row = new RowFields(w.table.columns().size(), w.table.binary());
        try (SpoolReader reader = new SpoolReader(spool.resolve(w.table.file()), 0, 0, w.table.binary());
             LeakVerifier.Collector collector = builder.collector()) {
            for (CopyBlock block = reader.next(BLOCK_ROWS); block != null; block = reader.next(BLOCK_ROWS)) {
                int start = 0;
                while (start < block.length()) {
                    start = row.split(block.data(), start, block.length());
                    for (int i = 0; i < w.sources.length; i++) {
                        if (w.sources[i] < 0 || row.isNull(i)) {
                            continue;
                        }
                        String value = w.plan.text(row, i);
                        if (value != null) {
                            values++;
                            add(collector, w.sources[i], value, w.plan.kinds[i], w.plan.rules[i]);
                        }
                    }
                }
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void add(LeakVerifier.Collector collector, int source, String value, ColumnKind kind, ColumnRule rule) {
        if ("json".equals(rule.strategy()) && rule.options().get("paths") instanceof Map<?, ?> paths) {
            JsonNode root;
            try {
                root = JSON.readTree(value);
            } catch (JacksonException e) {
                collector.add(source, value, ValueParts.TEXT);
                return;
            }
            ((Map<String, ColumnRule>) paths).forEach((path, pathRule) -> {
                if (!Originals.commonValues(pathRule)) {
                    at(root, path.split("\\."), 0, node -> collector.add(source,
                            node.isValueNode() ? node.asString() : JSON.writeValueAsString(node),
                            node.isValueNode() ? ValueParts.TEXT : ValueParts.JSON));
                }
            });
            return;
        }
        collector.add(source, value, kind.parts == null ? ValueParts.TEXT : kind.parts);
    }

    /** The nodes at a dot path, through arrays the way the json strategy walks them. */
    private static void at(JsonNode node, String[] path, int depth, java.util.function.Consumer<JsonNode> found) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node instanceof ArrayNode array) {
            array.forEach(element -> at(element, path, depth, found));
        } else if (depth == path.length) {
            found.accept(node);
        } else if (node.isObject()) {
            at(node.get(path[depth]), path, depth + 1, found);
        }
    }
}
