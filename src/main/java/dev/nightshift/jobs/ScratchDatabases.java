package dev.nightshift.jobs;

import dev.nightshift.postgres.DatabaseAdmin;
import dev.nightshift.postgres.PgTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throwaway databases a job creates on a server (a restore verification, a test restore, a migration
 * rehearsal) are named {@code nightshift_scratch_<purpose>_<jobExecutionId>}: a leftover says who made it, and
 * {@link #sweep} can tell one whose job died (its liveness lock is free) from one still in use.
 */
public final class ScratchDatabases {

    private static final Logger log = LoggerFactory.getLogger(ScratchDatabases.class);
    private static final String PREFIX = "nightshift_scratch_";
    private static final Pattern NAME = Pattern.compile("^" + PREFIX + "([a-z0-9_]+)_(\\d+)$");
    /** Names of earlier versions, with a random suffix instead of the job's id: nobody can be using them. */
    private static final Pattern OLD_NAME = Pattern.compile("^nightshift_(verify|test_restore)_[0-9a-f]{8}$");
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9_]+");

    private ScratchDatabases() {
    }

    /** {@code nightshift_scratch_<purpose>_<jobExecutionId>}; purpose in lower case letters, digits and _. */
    public static String name(String purpose, long jobExecutionId) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a scratch database's purpose is lower case letters, digits and _: " + purpose);
        }
        return PREFIX + purpose + "_" + jobExecutionId;
    }

    /** The job execution a scratch database belongs to, if the name is one of {@link #name}'s. */
    static Optional<Long> executionOf(String database) {
        Matcher m = NAME.matcher(database);
        return m.matches() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
    }

    /**
     * Drops the scratch databases on {@code server} whose job is no longer alive, saying so in the log; those
     * of live jobs stay. Returns the databases dropped.
     */
    public static List<String> sweep(PgTarget server, JobLiveness liveness) throws SQLException {
        List<String> dropped = new ArrayList<>();
        DatabaseAdmin admin = new DatabaseAdmin(server);
        for (String database : candidates(server)) {
            Optional<Long> execution = executionOf(database);
            Optional<String> runner = execution.isPresent() ? liveness.runner(execution.get()) : Optional.empty();
            if (runner.isPresent()) {
                continue;
            }
            admin.dropIfExists(database);
            dropped.add(database);
            log.info("dropped scratch database {} on {}:{}, left behind by {}", database, server.host(), server.port(),
                    execution.map(id -> "job execution " + id + ", whose process is gone").orElse("an earlier version"));
        }
        return dropped;
    }

    private static List<String> candidates(PgTarget server) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = server.withDatabase("postgres").connect();
             PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE 'nightshift\\_%'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (NAME.matcher(name).matches() || OLD_NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
