package dev.nightshift.postgres;

/**
 * Whether a client program's stream still moves: from its start until its whole input is read (a program fed
 * from stdin may then work silently), a stream that stands still for longer than the limit is stalled: the
 * server stopped answering while its TCP stack still does, which keepalives cannot notice.
 */
final class StreamProgress {

    private final long limitNanos;
    private final Runnable onMove;
    private volatile long last = System.nanoTime();
    private volatile boolean inputDone;
    private volatile boolean stalled;

    StreamProgress(java.time.Duration limit, Runnable onMove) {
        this.limitNanos = limit == null ? 0 : limit.toNanos();
        this.onMove = onMove;
    }

    void moved() {
        last = System.nanoTime();
        onMove.run();
    }

    void inputDone() {
        inputDone = true;
    }

    /** Whether the stream has now stood still for longer than the limit; says so once, then remembers it. */
    boolean checkStalled() {
        if (limitNanos > 0 && !inputDone && System.nanoTime() - last > limitNanos) {
            stalled = true;
        }
        return stalled;
    }

    boolean stalled() {
        return stalled;
    }
}
