package dev.nightshift.maintenance;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report as HTML (tables and inline SVG charts, readable offline), Markdown (for chat and email)
 * and JSON (for machines), from the Mustache templates in resources/maintenance. Each file is written under
 * a temporary name and renamed, so a report that is there is complete.
 */
final class ReportWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Template HTML = compile(Mustache.compiler().nullValue("—"), "report.html.mustache");
    private static final Template MARKDOWN = compile(Mustache.compiler().nullValue("—")
            .withEscaper(Escapers.simple(new String[][] {{"|", "\\|"}, {"\n", " "}, {"\r", " "}})), "report.md.mustache");

    private ReportWriter() {
    }

    /** The three files of one report. */
    record Files3(Path html, Path markdown, Path json) {
    }

    static Files3 write(MaintenanceReport report, List<Long> sizeHistory, Path directory) throws IOException {
        Files.createDirectories(directory);
        String stamp = report.collectedAt().replace(":", "").replaceAll("\\.\\d+", "");
        String base = "maintenance-" + report.environment() + "-" + report.logicalDatabase() + "-" + stamp;
        Map<String, Object> context = context(report, sizeHistory);
        Path html = atomically(directory.resolve(base + ".html"), HTML.execute(context));
        Path markdown = atomically(directory.resolve(base + ".md"), MARKDOWN.execute(context));
        Path json = atomically(directory.resolve(base + ".json"), JSON.writeValueAsString(report));
        return new Files3(html, markdown, json);
    }

    static String html(MaintenanceReport report, List<Long> sizeHistory) {
        return HTML.execute(context(report, sizeHistory));
    }

    private static Map<String, Object> context(MaintenanceReport report, List<Long> sizeHistory) {
        Map<String, Object> context = new HashMap<>();
        context.put("report", report);
        context.put("sizeChart", ReportCharts.sizes(report.tables()));
        context.put("deadChart", ReportCharts.deadTuples(report.tables()));
        context.put("sizeHistory", ReportCharts.databaseSize(sizeHistory, 600, 80));
        context.put("vacuumed", report.vacuum().stream().filter(v -> v.outcome() == VacuumResult.Outcome.VACUUMED).count());
        context.put("recommended", report.tables().stream().filter(t -> !t.recommendations().isEmpty()).toList());
        context.put("fmtBytes", (Mustache.Lambda) (fragment, out) -> out.write(formatted(fragment.execute(), false)));
        context.put("fmtSigned", (Mustache.Lambda) (fragment, out) -> out.write(formatted(fragment.execute(), true)));
        context.put("fmtPercent", (Mustache.Lambda) (fragment, out) -> out.write(percent(fragment.execute())));
        return context;
    }

    private static String formatted(String number, boolean signed) {
        String text = number.strip();
        if (text.isEmpty() || text.equals("—")) {
            return "—";
        }
        long value = Long.parseLong(text);
        return signed ? Formats.signedBytes(value) : Formats.bytes(value);
    }

    private static String percent(String number) {
        String text = number.strip();
        return text.isEmpty() || text.equals("—") ? "—" : String.format(Locale.ROOT, "%.1f %%", Double.parseDouble(text));
    }

    private static Path atomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Template compile(Mustache.Compiler compiler, String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream("/maintenance/" + name);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
