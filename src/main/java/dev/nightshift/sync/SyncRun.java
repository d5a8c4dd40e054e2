package dev.nightshift.sync;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.util.List;

/** Typed access to a sync run's parameters and to what its steps hand each other in the job's context. */
public final class SyncRun {

    static final String FROM = "from";
    static final String TO = "environment";
    static final String DATABASE = "database";
    static final String RUN_KEY = "runKey";
    static final String SOURCE = "source";
    /** An import's snapshot: a directory, an id in the snapshot directory, or "latest". */
    static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_KIND = "snapshot";
    /** An export's bucket ({@code s3://bucket/prefix}) when it uploads its snapshot; absent for a directory. */
    static final String STORAGE = "storage";

    private static final String SPOOL = "sync.spool";
    private static final String SNAPSHOT_FROM = "sync.snapshotFrom";
    private static final String SOURCE_KIND = "sync.sourceKind";
    private static final String BACKUP_ID = "sync.backupId";
    private static final String REPORT = "sync.report";
    private static final String REVIEW_WARNINGS = "sync.reviewWarnings";
    private static final String DOWNLOADED = "sync.downloaded";
    static final String DISCARDED = "sync.discarded";

    private final JobExecution job;

    SyncRun(JobExecution job) {
        this.job = job;
    }

    public SyncRun(StepExecution step) {
        this(step.getJobExecution());
    }

    private JobParameters parameters() {
        return job.getJobParameters();
    }

    private ExecutionContext context() {
        return job.getExecutionContext();
    }

    /** The source environment: a parameter, or for an import what its snapshot says. */
    public String from() {
        String from = parameters().getString(FROM);
        return from != null ? from : context().containsKey(SNAPSHOT_FROM) ? context().getString(SNAPSHOT_FROM) : null;
    }

    public String snapshot() {
        return parameters().getString(SNAPSHOT);
    }

    /** An import loads a snapshot somebody else wrote: it is read, never changed or removed. */
    public boolean imports() {
        return context().containsKey(SOURCE_KIND) && SNAPSHOT_KIND.equals(sourceKind());
    }

    /** An export writes a snapshot and loads nothing. */
    public boolean exportsOnly() {
        return to() == null;
    }

    public void chooseSnapshot(Path snapshot, String from) {
        chooseSource(SNAPSHOT_KIND, null, snapshot);
        context().putString(SNAPSHOT_FROM, from);
    }

    /** The imported snapshot is this run's own download from the bucket: removed like a spool. */
    public void downloadedSnapshot() {
        context().putString(DOWNLOADED, "true");
    }

    boolean downloaded() {
        return context().containsKey(DOWNLOADED);
    }

    /** An export that uploads its snapshot into a bucket once it is complete. */
    public boolean uploads() {
        return parameters().getString(STORAGE) != null;
    }

    public String to() {
        return parameters().getString(TO);
    }

    public String database() {
        return parameters().getString(DATABASE);
    }

    /** auto, backup or live, as asked; {@link #sourceKind()} is what the run chose. */
    public String requestedSource() {
        return parameters().getString(SOURCE, "auto");
    }

    public long executionId() {
        return job.getId();
    }

    public void chooseSource(String kind, Long backupId, Path spool) {
        context().putString(SOURCE_KIND, kind);
        if (backupId != null) {
            context().putLong(BACKUP_ID, backupId);
        }
        context().putString(SPOOL, spool.toString());
    }

    public String sourceKind() {
        return context().getString(SOURCE_KIND);
    }

    public Long backupId() {
        return context().containsKey(BACKUP_ID) ? context().getLong(BACKUP_ID) : null;
    }

    /** Null until the prepare step ran. */
    public Path spool() {
        return context().containsKey(SPOOL) ? Path.of(context().getString(SPOOL)) : null;
    }

    /** Keep-all columns nobody reviewed, for the run report: table and column names, never values. */
    public void reviewWarnings(List<String> warnings) {
        context().putString(REVIEW_WARNINGS, String.join("\n", warnings));
    }

    public List<String> reviewWarnings() {
        String joined = context().containsKey(REVIEW_WARNINGS) ? context().getString(REVIEW_WARNINGS) : "";
        return joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
    }

    public void report(Path file) {
        report(file.toString());
    }

    /** The run report, or the snapshot an export sealed: a path or an {@code s3://} location. */
    public void report(String location) {
        context().putString(REPORT, location);
    }

    String report() {
        return context().containsKey(REPORT) ? context().getString(REPORT) : null;
    }

    /** Marks the copy this run swaps in, the same across restarts: a restarted swap recognises its own. */
    public String swapMarker() {
        return "nightshift sync of " + from() + "/" + database() + ", job instance " + job.getJobInstanceId();
    }

    public static String incomingName(String database) {
        return database + "__incoming";
    }

    public static String previousName(String database) {
        return database + "__previous";
    }
}
