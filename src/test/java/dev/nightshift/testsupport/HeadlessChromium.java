package dev.nightshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens an HTML file in Debian's headless Chromium, offline, and collects its console errors: uncaught
 * exceptions, console.error calls and resources that failed to load. A copy of the page gets a small hook
 * as its first script (the page itself is not changed) that records them into an attribute of the document,
 * which --dump-dom prints; uncaught errors Chromium logs on stderr are collected too.
 * scripts/ensure-chromium installs the browser.
 */
public final class HeadlessChromium {

    private static final String HOOK = "<script>(function(){var errors=[];"
            + "function record(m){errors.push(String(m));"
            + "document.documentElement.setAttribute('data-console-errors',JSON.stringify(errors));}"
            + "window.addEventListener('error',function(e){record(e.target&&e.target!==window"
            + "?'failed to load '+(e.target.src||e.target.href||e.target.tagName):e.message);},true);"
            + "window.addEventListener('unhandledrejection',function(e){record('unhandled rejection: '+e.reason);});"
            + "var original=console.error;console.error=function(){record(Array.prototype.join.call(arguments,' '));"
            + "original.apply(console,arguments);};})();</script>";
    private static final Pattern RECORDED = Pattern.compile("data-console-errors=\"([^\"]*)\"");
    private static final Pattern UNCAUGHT = Pattern.compile("CONSOLE[^\\]]*\\] \"(Uncaught[^\"]*)\"");

    private HeadlessChromium() {
    }

    /** What the page did: its console errors (empty when clean) and the DOM after loading. */
    public record Page(List<String> consoleErrors, String dom) {
    }

    public static Page open(Path html) {
        Path binary = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Chromium is not installed; run scripts/ensure-chromium (apt-get install chromium)");
        }
        try {
            Path work = Files.createTempDirectory("nightshift-chromium");
            Path page = work.resolve("page.html");
            Files.writeString(page, withHook(Files.readString(html, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            Path stdout = work.resolve("dom.html");
            Path stderr = work.resolve("stderr.log");
            Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--user-data-dir=" + work.resolve("profile"),
                    // offline: a report that needs the network fails to load something, and that is detected
                    "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 90 s; see " + stderr);
            }
            String dom = Files.readString(stdout, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || dom.isBlank()) {
                throw new IllegalStateException("chromium failed (exit " + process.exitValue() + "): "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            List<String> errors = new ArrayList<>();
            Matcher recorded = RECORDED.matcher(dom);
            if (recorded.find()) {
                errors.add(recorded.group(1).replace("&quot;", "\""));
            }
            Matcher uncaught = UNCAUGHT.matcher(Files.readString(stderr, StandardCharsets.UTF_8));
            while (uncaught.find()) {
                errors.add(uncaught.group(1));
            }
            return new Page(errors, dom);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String withHook(String html) {
        int head = html.indexOf("<head>");
        return head < 0 ? HOOK + html : html.substring(0, head + 6) + HOOK + html.substring(head + 6);
    }
}
