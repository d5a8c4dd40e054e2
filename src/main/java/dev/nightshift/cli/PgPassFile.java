package dev.nightshift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * libpq's password file ({@code PGPASSFILE}, default {@code ~/.pgpass}): lines of
 * {@code hostname:port:database:username:password}, {@code *} matching anything in the first four fields,
 * {@code \:} and {@code \\} escaping; the first matching line wins. Like libpq, a file that its group or others
 * may read is ignored.
 */
final class PgPassFile {

    private final Path file;

    private PgPassFile(Path file) {
        this.file = file;
    }

    static PgPassFile of(ConnectionUrl.Defaults defaults) {
        String configured = defaults.environment().get("PGPASSFILE");
        return new PgPassFile(configured != null && !configured.isEmpty() ? Path.of(configured) : defaults.home().resolve(".pgpass"));
    }

    Optional<String> lookup(String host, int port, String database, String user) {
        if (!Files.isRegularFile(file) || !privateFile()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> wanted = List.of(host, Integer.toString(port), database, user);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() == 5 && matches(fields, wanted)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(List<String> fields, List<String> wanted) {
        for (int i = 0; i < 4; i++) {
            if (!fields.get(i).equals("*") && !fields.get(i).equals(wanted.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private boolean privateFile() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.stream().noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
