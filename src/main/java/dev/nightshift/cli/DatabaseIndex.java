package dev.nightshift.cli;

import dev.nightshift.config.ConfigurationException;

import java.util.List;

/**
 * {@code --database-index N}: one pod of a fanned-out Kubernetes Indexed Job runs database N (counted from 0)
 * of the {@code --database} list its schedule renders. A text option, so that the rendered
 * {@code $(JOB_COMPLETION_INDEX)} still parses when manifests are checked; the number is read when it runs.
 */
final class DatabaseIndex {

    private DatabaseIndex() {
    }

    static List<String> pick(List<String> databases, String index) {
        if (index == null) {
            return databases;
        }
        if (databases == null || databases.isEmpty()) {
            throw new ConfigurationException("--database-index needs the list it counts in: name the databases with --database");
        }
        int n;
        try {
            n = Integer.parseInt(index.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("--database-index must be a number from 0 to " + (databases.size() - 1)
                    + ", was '" + index + "' (in an Indexed Job: $(JOB_COMPLETION_INDEX))");
        }
        if (n < 0 || n >= databases.size()) {
            throw new ConfigurationException("--database-index " + n + " is outside the " + databases.size()
                    + " database(s) named: " + databases);
        }
        return List.of(databases.get(n));
    }
}
