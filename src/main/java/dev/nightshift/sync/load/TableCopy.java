package dev.nightshift.sync.load;

import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.SpoolManifest;
import dev.nightshift.sync.snapshot.SpoolReader;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The copy of one spooled (already masked and leak-checked) table part into the incoming database, as a
 * chunk-oriented step: read blocks of whole rows, write each chunk with one COPY; no row is parsed.
 *
 * <p>Exactly-once across kills: each chunk's rows and the file position after them commit in one
 * transaction of the incoming database ({@link ChunkLoad}), before the checkpoint commits in the job
 * repository. A restart opens the file at the position the incoming database recorded and continues with
 * the first row it does not have; a part loaded in full while the source was still extracted
 * ({@link PipelinedLoad}) has nothing left to copy.
 *
 * <p>Public and not final because it is a step-scoped bean: each partition's worker step gets its own
 * instance through a class-based proxy.
 */
public class TableCopy implements ItemStreamReader<CopyBlock>, ItemWriter<CopyBlock> {

    public static final String TABLE = "sync.table";
    private static final String OFFSET = "sync.offset";
    private static final String ROWS = "sync.rows";
    private static final Logger log = LoggerFactory.getLogger(TableCopy.class);

    private final SyncTools tools;
    private final SyncRun run;
    private final int index;
    private final int blockRows;
    private SpoolManifest manifest;
    private SpooledTable table;
    private Connection target;
    private StallWatch stall = StallWatch.off();
    private SpoolReader reader;
    private dev.nightshift.jobs.Progress progress;

    public TableCopy(SyncTools tools, StepExecution step, int blockRows) {
        this.tools = tools;
        this.run = new SyncRun(step);
        this.index = step.getExecutionContext().getInt(TABLE);
        this.blockRows = blockRows;
    }

    @Override
    public void open(ExecutionContext context) {
        try {
            manifest = SpoolManifest.read(run.spool()).orElseThrow(() -> new IllegalStateException(
                    "the spool " + run.spool() + " is gone; run the sync again"));
            table = manifest.table(index);
            PgTarget incoming = tools.incoming(tools.target(run.to(), run.database()));
            target = incoming.connect();
            stall = StallWatch.onConnection(incoming, target, "loading into " + incoming.describe());
            // a commit per chunk would otherwise wait for its WAL flush; what a crash of the target server can
            // lose this way is found and copied again on restart (below)
            try (var s = target.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
            // the incoming database is the truth about which rows it holds: usually ahead of the checkpoint (a
            // kill between the two commits), or behind it when its server lost asynchronous commits in a crash
            LoadProgress.Position committed = LoadProgress.read(target, table.file());
            long checkpointRows = context.getLong(ROWS, 0L);
            if (committed.rows() < checkpointRows) {
                log.warn("{} of {}: the incoming database holds {} of its rows but the checkpoint says {} (its target"
                        + " server lost commits in a crash?); copying again from row {}", table.file(),
                        table.qualifiedName(), committed.rows(), checkpointRows, committed.rows());
            }
            target.setAutoCommit(false);
            reader = new SpoolReader(run.spool().resolve(table.file()), committed.offset(), committed.rows(), table.binary());
            if (committed.rows() > 0 && committed.rows() < table.rows()) {
                log.info("{}: resuming after row {} of {}", table.qualifiedName(), committed.rows(), table.rows());
            }
            SpoolManifest all = manifest;
            progress = LoadReporter.of(run.executionId(), incoming.describe(),
                    () -> all.tables().stream().mapToLong(SpooledTable::rows).sum());
            progress.add(committed.rows());
        } catch (Exception e) {
            throw new ItemStreamException("cannot open the copy of " + (table == null ? "table #" + index
                    : table.qualifiedName()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CopyBlock read() throws IOException {
        return reader.next(blockRows);
    }

    @Override
    public void write(Chunk<? extends CopyBlock> chunk) throws SQLException, InterruptedException {
        long rows = 0;
        for (CopyBlock block : chunk) {
            rows += block.rows();
        }
        // the reader has read exactly this chunk's items: its position is the chunk's end
        try {
            ChunkLoad.write(target, table, chunk, reader.offset(), reader.rows());
        } catch (SQLException e) {
            throw stall.sqlFailure(e);
        }
        progress.add(rows);
        if (reader.rows() == table.rows()) {
            analyzeWhenAllPartsAreIn();
        }
        long pause = tools.settings().chunkPause().toMillis();
        if (pause > 0) {
            Thread.sleep(pause);
        }
    }

    /**
     * ANALYZE here, while other tables still load, rather than after the indexes: the post-data step then
     * analyzes only what the load did not (see {@link SyncPostDataTasklet}). Of the parts of a big table,
     * the one that finds all of them in does it (each looks after its own last commit, so one always does).
     */
    private void analyzeWhenAllPartsAreIn() throws SQLException {
        for (SpooledTable part : manifest.tables()) {
            if (part.qualifiedName().equals(table.qualifiedName())
                    && LoadProgress.read(target, part.file()).rows() < part.rows()) {
                target.commit();
                return;
            }
        }
        ChunkLoad.analyze(target, table);
    }

    @Override
    public void update(ExecutionContext context) {
        if (reader != null) {
            context.putLong(OFFSET, reader.offset());
            context.putLong(ROWS, reader.rows());
        }
    }

    @Override
    public void close() {
        stall.close();
        try {
            if (reader != null) {
                reader.close();
            }
            if (target != null) {
                target.close();
            }
        } catch (IOException | SQLException e) {
            log.debug("closing the copy of {}", table, e);
        }
    }

}
