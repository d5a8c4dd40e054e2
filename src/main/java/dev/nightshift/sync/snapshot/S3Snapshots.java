package dev.nightshift.sync.snapshot;

import dev.nightshift.config.ConfigurationException;
import dev.nightshift.objectstore.ObjectStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masked snapshots in an S3-compatible bucket: one folder per snapshot, named like a snapshot directory
 * ({@code <env>-<db>-<UTC time>-<n>/}), holding the snapshot's files (with {@code .tink} appended when they
 * are encrypted) and {@code seal.json}, uploaded last. A folder without a seal is an export that has not
 * finished, or never will: it is never listed or imported, and the next export of its database removes it.
 */
public final class S3Snapshots implements AutoCloseable {

    public static final String SETTING = "nightshift.sync.snapshot-storage";
    private static final Pattern ID = Pattern.compile("(.+)-(\\d{8}T\\d{6}Z)-(\\d+)");

    private final ObjectStore store;
    private final ObjectStore.Cipher cipher;

    /** @param cipher the configured keyset, or null when none is */
    public S3Snapshots(ObjectStore store, ObjectStore.Cipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public String location() {
        return store.location();
    }

    public String describe(String id) {
        return store.location() + "/" + id;
    }

    public ObjectStore store() {
        return store;
    }

    /** The keyset new snapshots are encrypted with, or null. */
    ObjectStore.Cipher cipher() {
        return cipher;
    }

    public static String seal(String id) {
        return id + "/" + SnapshotSeal.FILE;
    }

    /** The object a sealed file is stored as. */
    static String object(String id, String file, SnapshotSeal seal) {
        return id + "/" + file + (seal.encryption() == null ? "" : ObjectStore.Cipher.SUFFIX);
    }

    /** Every snapshot folder (sealed or not) with the names of its objects. */
    private Map<String, List<String>> folders() throws IOException {
        Map<String, List<String>> folders = new LinkedHashMap<>();
        for (String name : store.list("")) {
            int slash = name.indexOf('/');
            if (slash > 0 && ID.matcher(name.substring(0, slash)).matches()) {
                folders.computeIfAbsent(name.substring(0, slash), f -> new ArrayList<>()).add(name);
            }
        }
        return folders;
    }

    /** Sealed snapshots of a database (from any source environment; {@code environment} null), oldest first. */
    List<String> sealed(String environment, String database) throws IOException {
        return folders().entrySet().stream()
                .filter(f -> f.getValue().contains(seal(f.getKey())) && of(f.getKey(), environment, database))
                .map(Map.Entry::getKey).sorted(Comparator.comparing(S3Snapshots::stamp)).toList();
    }

    /** "latest" (the newest sealed snapshot of the database) or an id; exit 2 when there is none. */
    String resolve(String database, String snapshot) throws IOException {
        if ("latest".equals(snapshot)) {
            List<String> all = sealed(null, database);
            if (all.isEmpty()) {
                throw new ConfigurationException("no sealed snapshot of database '" + database + "' in " + location()
                        + " (" + SETTING + "); write one with nightshift sync export");
            }
            return all.get(all.size() - 1);
        }
        if (snapshot.contains("/") || !store.exists(seal(snapshot))) {
            throw new ConfigurationException("no sealed snapshot " + snapshot + " in " + location() + " (" + SETTING
                    + "); use --snapshot latest, an id from that bucket, or the path of a snapshot directory");
        }
        return snapshot;
    }

    /** The seal of a snapshot; an encrypted one is refused (exit 2) unless the configured keyset has its key. */
    SnapshotSeal readableSeal(String id) throws IOException {
        SnapshotSeal seal = SnapshotSeal.parse(store.readText(seal(id)));
        if (seal.encryption() != null) {
            if (cipher == null) {
                throw new ConfigurationException("the snapshot " + describe(id) + " is encrypted (key " + seal.keyId()
                        + "), but " + SETTING + ".keyset-file is not set; mount the keyset its export used and set it");
            }
            if (!cipher.keyIds().contains(seal.keyId())) {
                throw new ConfigurationException("the snapshot " + describe(id) + " was encrypted with key " + seal.keyId()
                        + ", but the keyset " + cipher.keysetFile() + " (" + SETTING + ".keyset-file) has only "
                        + cipher.keyIds() + "; mount the keyset its export used");
            }
        }
        return seal;
    }

    /** Objects in the snapshot's folder that its seal does not name. */
    List<String> unsealedObjects(String id, SnapshotSeal seal) throws IOException {
        Set<String> sealed = new HashSet<>(seal.sha256().keySet().stream().map(f -> object(id, f, seal)).toList());
        sealed.add(seal(id));
        return store.list(id + "/").stream().filter(name -> !sealed.contains(name)).toList();
    }

    /**
     * Removes the unsealed folders of the source and database other than {@code current} (what killed or
     * failed exports left), and their unfinished uploads; returns what was removed.
     */
    public List<String> removeLeftovers(String environment, String database, String current) throws IOException {
        List<String> removed = new ArrayList<>();
        for (var folder : folders().entrySet()) {
            String id = folder.getKey();
            if (!id.equals(current) && of(id, environment, database) && !folder.getValue().contains(seal(id))) {
                store.delete(folder.getValue().toArray(String[]::new));
                removed.add(describe(id));
            }
        }
        // the current export's own unfinished uploads too: a restarted upload starts its files over
        for (String upload : store.abortUploads(environment + "-" + database + "-",
                name -> of(name.substring(0, Math.max(0, name.indexOf('/'))), environment, database))) {
            removed.add(location() + "/" + upload + " (unfinished upload)");
        }
        return removed;
    }

    /** Removes all but the newest {@code kept} sealed snapshots of the source and database; returns them. */
    public List<String> retain(String environment, String database, int kept) throws IOException {
        List<String> mine = new ArrayList<>(sealed(environment, database));
        List<String> removed = new ArrayList<>();
        while (mine.size() > Math.max(1, kept)) {
            String oldest = mine.remove(0);
            // the seal goes first: a half-removed snapshot is then an unsealed one, never a damaged "sealed" one
            store.delete(seal(oldest));
            store.delete(store.list(oldest + "/").toArray(String[]::new));
            removed.add(describe(oldest));
        }
        return removed;
    }

    /** Whether the id names a snapshot of {@code database} (exported from {@code environment}, when not null). */
    private static boolean of(String id, String environment, String database) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return false;
        }
        String source = m.group(1);
        return environment != null ? source.equals(environment + "-" + database)
                : source.endsWith("-" + database) && source.length() > database.length() + 1;
    }

    private static String stamp(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? m.group(2) + "-" + String.format("%020d", Long.parseLong(m.group(3))) : "";
    }

    @Override
    public void close() {
        store.close();
    }
}
