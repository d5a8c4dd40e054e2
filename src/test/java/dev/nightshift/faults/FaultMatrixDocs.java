package dev.nightshift.faults;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Renders docs/faults.md from {@link FaultCase}: the table of what the fault suite breaks and what it checks. */
final class FaultMatrixDocs {

    static final Path PAGE = Path.of("docs", "faults.md");

    private FaultMatrixDocs() {
    }

    static String render() {
        String rows = Arrays.stream(FaultCase.values())
                .map(c -> "| " + c.fault + " | `" + c.job + "` | " + c.point + " | FAILED: `" + c.line + "` | " + c.recovery + " |")
                .collect(Collectors.joining("\n"));
        return """
                # Faults: what a broken network, server or disk does to a run

                <!-- generated from the fault suite (src/test/java/dev/nightshift/faults); do not edit by hand:
                     ./mvnw test -Dtest=FaultMatrixDocsTest -Dnightshift.docs.write=true -->

                Every row below is a test that runs on every build against a real PostgreSQL server. It breaks
                something around Nightshift at a chosen moment (a TCP proxy between Nightshift and the server resets
                or stalls the connections; the server is restarted with `pg_ctl restart -m fast`; the backup
                directory or the sync's work or snapshot directory is a filesystem that fills up) and then checks,
                for each case:

                - the run ends FAILED (exit 1) and prints one line that says what happened (the fragment shown);
                - nothing half-done looks done: no catalog entry for a cut backup, no partial file left, a migration
                  batch counted once, the live database of a cut restore untouched;
                - no lock, scratch database or execution marked running is left to block the next run;
                - the recovery shown completes, and its result equals that of an undisturbed run (the same rows;
                  every migrated row changed exactly once).

                | Fault | Job | Where and when | Outcome (the line says) | Recovery |
                |---|---|---|---|---|
                %s

                ## Bounded waits

                A connection that stops answering ends a run within the limits under `nightshift.connections`
                (see [configuration](configuration.md)), never at the CronJob's deadline:

                - every connection, pg_dump's and pg_restore's included, has TCP keepalives and a
                  `tcp_user_timeout` on Nightshift's end, and sends the same settings to the server, so that a
                  server whose client vanished ends its session and releases its locks;
                - connections that only run short queries (the ops database, checks, status, data-migration
                  batches on top of their statement timeout) fail a read that gets no answer within
                  `socket-timeout`. Connections that may legitimately wait long (VACUUM, COPY, a dump's snapshot,
                  lock waits) have no read timeout and rely on the keepalives and the stall timeout below.

                Keepalives and `tcp_user_timeout` notice a peer that is gone (a dead host, a cut cable, a failover
                to another machine). A peer whose TCP stack still answers but whose server process hangs (or a
                proxy or firewall that stops forwarding) is not noticed by them, and a read timeout would also end
                a VACUUM or an index build that legitimately says nothing for hours. `stall-timeout` (30 minutes)
                notices it instead: a backup's pg_dump that writes no byte for that long ends the run (the limit
                also bounds its wait for a table lock); pg_restore, VACUUM, schema migrations and the sync's work on its
                servers (COPYs, schema dumps, the index-building script, ANALYZE, checks, seeds) are watched over a
                probe connection that asks the server, every fifth of the limit (1 to 30
                seconds), about the work's own sessions. The work moves while one of them is active and not
                waiting on Nightshift, while what the server shows of them changes (a new statement, COPY's or
                VACUUM's progress counters), or while Nightshift's end moves data; after the limit without any of
                that, or without an answer to the probe, the run ends with a line naming the work and the setting.
                Behind a pooler in transaction mode the probe cannot find the work's sessions: set `stall-timeout`
                to 0 there. A server before PostgreSQL 14 does not report COPY's progress, so there a session
                that waits on Nightshift counts as moving: a proxy that stops forwarding in the middle of a COPY is
                not noticed on such a server (a hung server still is: the probe gets no answer).

                A lost ops database ends the run: the run's liveness lock lives on an ops connection, and a run
                that cannot be sure it holds it stops rather than run unguarded. A data-migration batch that
                committed on the target while its bookkeeping failed is found committed by the restart and
                counted once. A run checks that it still holds its locks just before it publishes a backup or swaps a
                database in, and again when it ends, so an ops server that restarted between two periodic lock checks
                does not go unnoticed: a run that completed its work but lost its locks on the way ends FAILED,
                since another run could have started meanwhile. A sync that lost its locks keeps its incoming copy
                and spool for `jobs restart`; a restore whose load did not complete drops its incoming copy.

                ## Scheduler mode

                In `nightshift scheduler`, a lost ops database ends the runs in flight as above: FAILED, or left
                STARTED and shown dead by `nightshift jobs list` when not even their end could be recorded. The
                scheduler itself keeps running and stays healthy. It says in one line that it could not reach the
                ops database (`scheduler of ENV: ...; the ops database may be out of reach`); Quartz retries by
                itself and the schedules go on once the ops database answers, within a `cluster-checkin`. A run that fell due
                meanwhile starts late, or is skipped (and logged) once it is later than
                `nightshift.schedule.misfire-grace`. Each fire time runs once: the scheduler does not run the
                interrupted run again by itself; `nightshift jobs restart ID` does, as for any failed run.
                """.formatted(rows);
    }
}
