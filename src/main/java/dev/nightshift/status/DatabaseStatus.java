package dev.nightshift.status;

import java.util.List;

/**
 * One database at a glance: the server's answer, and the last of everything Nightshift did to it. Text values
 * are short summaries ready to print; {@code problems} lists what makes the database need attention.
 */
public record DatabaseStatus(
        String environment, String database, String server, boolean reachable, String serverVersion, Long sizeBytes,
        Integer connections, Integer maxConnections, String lastBackup, String lastTestRestore, String lastSync,
        String maintenance, List<String> running, List<String> problems) {

    public boolean healthy() {
        return problems.isEmpty();
    }
}
