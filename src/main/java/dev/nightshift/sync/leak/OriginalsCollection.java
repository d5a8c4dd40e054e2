package dev.nightshift.sync.leak;

import dev.nightshift.sync.masking.ColumnRule;
import dev.nightshift.sync.snapshot.CopyBlock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fingerprints every original value of every masked column (json columns: the parts under the rule's
 * paths) while the rows are extracted and masked, in memory only. The values written are judged against
 * them once the extraction is complete ({@link SpoolLeakCheck}): a value may equal an original of a table
 * extracted later.
 */
public final class OriginalsCollection {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LeakVerifier.Builder builder;
    private final Set<Integer> chance = ConcurrentHashMap.newKeySet();
    private final AtomicLong values = new AtomicLong();
    private final long started = System.nanoTime();

    public OriginalsCollection(byte[] salt, long expected) {
        this.builder = LeakVerifier.builder(salt, expected);
    }

    /** The collector of one table part, used by one thread; closing it hands its fingerprints over. */
    public Part part(LeakPlan plan) {
        int[] sources = new int[plan.columns.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = -1;
            if (plan.masked(i) && !Originals.commonValues(plan.rules[i])) {
                sources[i] = builder.source(plan.table, plan.columns.get(i));
                if (Originals.chance(plan.rules[i])) {
                    chance.add(sources[i]);
                }
            }
        }
        return new Part(plan, sources, builder.collector());
    }

    public Originals build() {
        return new Originals(builder.build(), Set.copyOf(chance), values.get(), (System.nanoTime() - started) / 1_000_000);
    }

    public final class Part implements AutoCloseable {
        private final LeakPlan plan;
        private final int[] sources;
        private final LeakVerifier.Collector collector;
        private final RowFields row;
        private final boolean any;

        private Part(LeakPlan plan, int[] sources, LeakVerifier.Collector collector) {
            this.plan = plan;
            this.sources = sources;
            this.collector = collector;
            this.row = new RowFields(plan.columns.size(), plan.binary);
            boolean found = false;
            for (int source : sources) {
                found |= source >= 0;
            }
            this.any = found;
        }

        /** Takes the originals of a block of rows as read from the source. */
        public void collect(CopyBlock block) {
            if (!any) {
                return;
            }
            long taken = 0;
            int start = 0;
            while (start < block.length()) {
                start = row.split(block.data(), start, block.length());
                for (int i = 0; i < sources.length; i++) {
                    if (sources[i] < 0 || row.isNull(i)) {
                        continue;
                    }
                    String value = plan.text(row, i);
                    if (value != null) {
                        taken++;
                        add(sources[i], value, plan.kinds[i], plan.rules[i]);
                    }
                }
            }
            values.addAndGet(taken);
        }

        @SuppressWarnings("unchecked")
        private void add(int source, String value, ColumnKind kind, ColumnRule rule) {
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

        @Override
        public void close() {
            collector.close();
        }
    }

    /** The nodes at a dot path, through arrays the way the json strategy walks them. */
    private static void at(JsonNode node, String[] path, int depth, Consumer<JsonNode> found) {
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
