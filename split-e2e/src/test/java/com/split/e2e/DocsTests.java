package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README stays a front door, and the documentation (the README, {@code docs/*.md} and each module's README) sends
 * its readers only to files of this repository that exist.
 */
class DocsTests {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** The target of an inline link or image, {@code [text](target)} or {@code [text](target "title")}. */
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    /** {@code http:}, {@code mailto:} and the like: not a file of the repository. */
    static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    static final Pattern INLINE_CODE = Pattern.compile("`[^`\n]*`");

    @Test
    void readmeIsAtMost250Lines() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md")))
                .as("lines of README.md, the front door: details go to docs/")
                .hasSizeLessThanOrEqualTo(250);
    }

    /** Every documentation file, relative to the repository's root. */
    static Stream<String> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(module -> module.resolve("README.md"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(docs::add);
        }
        return docs.stream().map(doc -> ROOT.relativize(doc).toString());
    }

    /** The steering repository's design (../shared/DESIGN.md) is not shipped: docs/design.md is the design of record. */
    @ParameterizedTest
    @MethodSource("docs")
    void namesNothingOutsideTheRepository(String doc) throws IOException {
        assertThat(Files.readString(ROOT.resolve(doc)))
                .as(doc)
                .doesNotContain("../shared")
                .doesNotContain("DESIGN.md");
    }

    @ParameterizedTest
    @MethodSource("docs")
    void relativeLinksLeadToFilesOfTheRepository(String doc) throws IOException {
        Path file = ROOT.resolve(doc);
        SoftAssertions softly = new SoftAssertions(); // every bad link of the file, not only the first

        for (String target : relativeLinks(Files.readString(file))) {
            String path = target.replaceFirst("[#?].*", "");
            if (path.isEmpty()) {
                continue; // an anchor in the same file
            }
            softly.assertThat(path)
                    .as("%s links to %s: make it relative", doc, target)
                    .doesNotStartWith("/");
            Path resolved = file.getParent().resolve(path).normalize();
            softly.assertThat(resolved)
                    .as("%s links to %s, outside the repository", doc, target)
                    .startsWithRaw(ROOT); // raw: startsWith resolves the path, which may not exist
            softly.assertThat(resolved)
                    .as("%s links to %s, which does not exist", doc, target)
                    .exists();
        }
        softly.assertAll();
    }

    /** The link targets without a scheme, outside fenced code blocks and inline code. */
    static List<String> relativeLinks(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            // Inline code inside a link's text ([`file`](path)) goes too; the link itself stays.
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                if (!SCHEME.matcher(link.group(1)).find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }
}
