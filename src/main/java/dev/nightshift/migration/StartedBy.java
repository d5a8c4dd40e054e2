package dev.nightshift.migration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Who started a run, for the history: {@code $NIGHTSHIFT_STARTED_BY} when a wrapper sets it, else the
 * Kubernetes service account of the pod (the subject of its mounted token), else the OS user (and the
 * user behind sudo).
 */
public final class StartedBy {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private StartedBy() {
    }

    public static String current() {
        String explicit = System.getenv("NIGHTSHIFT_STARTED_BY");
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        String account = serviceAccount(SERVICE_ACCOUNT_TOKEN);
        if (account != null) {
            return account;
        }
        String user = System.getProperty("user.name", "unknown");
        String sudo = System.getenv("SUDO_USER");
        return sudo != null && !sudo.isBlank() && !sudo.equals(user) ? sudo + " (as " + user + ")" : user;
    }

    /** {@code system:serviceaccount:ops:nightshift} from the token's payload; the token itself is never kept. */
    static String serviceAccount(Path token) {
        try {
            if (!Files.isReadable(token)) {
                return null;
            }
            String[] parts = Files.readString(token, StandardCharsets.US_ASCII).strip().split("\\.");
            if (parts.length < 2) {
                return null;
            }
            JsonNode payload = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode subject = payload.get("sub");
            return subject == null ? null : subject.asString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
