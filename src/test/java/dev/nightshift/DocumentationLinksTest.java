package dev.nightshift;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md and docs/ link to files and headings that exist: a user following a link never lands nowhere. */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
        // given
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }

        // when
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(page));
        }

        // then
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(broken).as("broken relative links").isEmpty();
    }

    @Test
    void aMissingFileOrHeadingIsFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // given
        Files.writeString(dir.resolve("a.md"), "# Title\n## Some heading\n## `nightshift.sync`\n[ok](#some-heading) [self](a.md#title) [code](#nightshiftsync)"
                + " [gone](missing.md) [nowhere](#no-such-heading) [web](https://example.org/x)\n");

        // when
        List<String> broken = brokenLinks(dir.resolve("a.md"));

        // then
        assertThat(broken).hasSize(2).anyMatch(b -> b.contains("missing.md")).anyMatch(b -> b.contains("#no-such-heading"));
    }

    static List<String> brokenLinks(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        Matcher m = LINK.matcher(stripCode(Files.readString(page)));
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                continue; // http(s), mailto, file: not ours to check offline
            }
            String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
            Path resolved = file.isEmpty() ? page : page.getParent() == null ? Path.of(file) : page.getParent().resolve(file);
            if (!Files.exists(resolved)) {
                broken.add(page + ": " + target + " (no such file)");
            } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                broken.add(page + ": " + target + " (no such heading)");
            }
        }
        return broken;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        for (String line : Files.readString(page).replaceAll("(?s)```.*?```", "").split("\n")) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String stripCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }
}
