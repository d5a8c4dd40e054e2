package dev.nightshift.sync.load;

import dev.nightshift.sync.SyncRun;
import dev.nightshift.sync.SyncTools;
import dev.nightshift.sync.snapshot.CopyBlock;
import dev.nightshift.sync.snapshot.PartSink;
import dev.nightshift.sync.snapshot.SpoolReader;
import dev.nightshift.sync.snapshot.SpooledTable;
import dev.nightshift.postgres.PgTarget;
import dev.nightshift.postgres.StallWatch;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-process sync's load while the source is still extracted: creates the incoming copy once the
 * pre-data schema is spooled, then loads each part as soon as it is complete and checked, in chunks that
 * commit with their position ({@link ChunkLoad}), exactly as the data step would. What is not loaded when the
 * extraction ends (a part held back, a kill) the data step loads from the recorded positions.
 *
 * <p>Only a part in which the leak check found nothing is loaded here: one with a finding waits for the
 * verdict on the whole extraction, which fails the run before anything of it leaves the production side.
 */
public final class PipelinedLoad implements PartSink {

    private static final Logger log = LoggerFactory.getLogger(PipelinedLoad.class);

    private final SyncTools tools;
    private final SyncRun run;
    private final PgTarget incoming;
    private final int chunkRows;
    private final ExecutorService pool;
    private final CountDownLatch created = new CountDownLatch(1);
    private final List<Future<?>> loads = new ArrayList<>();
    private final Map<String, Integer> partsLeft = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile Exception failure;

    public PipelinedLoad(SyncTools tools, SyncRun run, int chunkRows) {
        this.tools = tools;
        this.run = run;
        this.incoming = tools.incoming(tools.target(run.to(), run.database()));
        this.chunkRows = chunkRows;
        this.pool = Executors.newFixedThreadPool(Math.max(1, tools.settings().threads()));
    }

    @Override
    public boolean loadsWhileExtracting() {
        return true;
    }

    @Override
    public void planned(List<SpooledTable> parts) {
        parts.forEach(part -> partsLeft.merge(part.qualifiedName(), 1, Integer::sum));
    }

    @Override
    public void schemaWritten() throws IOException, SQLException {
        try {
            IncomingCopy.create(tools, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped while creating " + incoming.describe(), e);
        }
        created.countDown();
    }

    @Override
    public void partComplete(SpooledTable part) {
        if (!part.leaks().isEmpty()) {
            return;
        }
        synchronized (loads) {
            loads.add(pool.submit(() -> {
                created.await();
                load(part);
                return null;
            }));
        }
    }

    /** Throws once a load failed, so the extraction stops too. */
    @Override
    public void check() throws IOException {
        Exception failed = failure;
        if (failed != null) {
            throw new IOException("loading into " + incoming.describe() + " failed: " + failed.getMessage(), failed);
        }
    }

    /** Creates the incoming copy when no schema came while extracting (a backup's extraction does not say). */
    @Override
    public void extracted() throws IOException, SQLException, InterruptedException {
        if (created.getCount() > 0) {
            IncomingCopy.create(tools, run);
            created.countDown();
        }
    }

    /** Waits for the loads under way; a stop leaves the rest to the data step. */
    @Override
    public void finish(dev.nightshift.postgres.StopSignal stop) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Future<?>> all;
        synchronized (loads) {
            all = List.copyOf(loads);
        }
        for (Future<?> load : all) {
            while (true) {
                try {
                    load.get(500, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (stop.stopRequested()) {
                        throw new InterruptedException("stop requested while loading");
                    }
                } catch (ExecutionException e) {
                    check();
                    throw new IOException("loading into " + incoming.describe() + " failed: "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        log.info("loaded {} parts into {} while extracting; the last load ended {} ms after the extraction",
                all.size(), incoming.describe(), (System.nanoTime() - started) / 1_000_000);
    }

    private void load(SpooledTable part) throws Exception {
        Connection target = incoming.connect();
        open.add(target);
        StallWatch stall = StallWatch.onConnection(incoming, target, "loading " + part.qualifiedName() + " into "
                + incoming.describe());
        try (stall) {
            try (var s = target.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
            target.setAutoCommit(false);
            long pause = tools.settings().chunkPause().toMillis();
            try (SpoolReader reader = new SpoolReader(run.spool().resolve(part.file()), 0, 0, part.binary())) {
                List<CopyBlock> chunk = new ArrayList<>();
                long rows = 0;
                for (CopyBlock block = reader.next(chunkRows); block != null; block = reader.next(chunkRows)) {
                    chunk.add(block);
                    rows += block.rows();
                    if (rows >= chunkRows) {
                        ChunkLoad.write(target, part, chunk, reader.offset(), reader.rows());
                        chunk.clear();
                        rows = 0;
                        if (pause > 0) {
                            Thread.sleep(pause);
                        }
                    }
                }
                if (!chunk.isEmpty() || part.rows() == 0) {
                    ChunkLoad.write(target, part, chunk, reader.offset(), reader.rows());
                }
            }
            if (partsLeft.merge(part.qualifiedName(), -1, Integer::sum) == 0) {
                ChunkLoad.analyze(target, part);
            }
        } catch (SQLException e) {
            throw failed(stall.sqlFailure(e));
        } catch (IOException e) {
            throw failed(stall.ioFailure(e));
        } catch (Exception e) {
            throw failed(e);
        } finally {
            open.remove(target);
            target.close();
        }
    }

    private Exception failed(Exception e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Connection c : open) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException e) {
                // going away anyway
            }
        }
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("loads into {} did not end within 30 s of the extraction's end", incoming.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
