package dev.nightshift.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The fingerprints of each running sync's originals, built once per process when the first table starts
 * loading (again after a restart: they are never written anywhere) and dropped when the run ends.
 */
@Component
class OriginalFingerprints {

    private static final Logger log = LoggerFactory.getLogger(OriginalFingerprints.class);

    private final SyncTools tools;
    private final Map<Path, Originals> runs = new HashMap<>();

    OriginalFingerprints(SyncTools tools) {
        this.tools = tools;
    }

    /** The run's fingerprints; the first caller builds them while the others wait. */
    synchronized Originals of(SyncRun run) throws Exception {
        Originals built = runs.get(run.spool());
        if (built == null) {
            var incoming = tools.incoming(tools.target(run.to(), run.database()));
            try (var c = incoming.connect()) {
                built = FingerprintPass.run(c, SpoolManifest.read(run.spool()).orElseThrow(),
                        tools.rules(run.database()), run.spool(), tools.salt(), tools.settings().threads());
            }
            log.info("fingerprinted {} original values of the masked columns ({} distinct, {} MB) in {} ms",
                    built.values(), built.verifier().size(), built.verifier().bytes() >> 20, built.millis());
            runs.put(run.spool(), built);
        }
        return built;
    }

    synchronized java.util.Optional<Originals> ifBuilt(Path spool) {
        return java.util.Optional.ofNullable(runs.get(spool));
    }

    synchronized void release(Path spool) {
        if (spool != null) {
            runs.remove(spool);
        }
    }
}
