package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration reference, {@code docs/configuration.md}, is complete: every {@code split.*} property a module
 * declares (its configuration metadata, which the build generates from the {@code @ConfigurationProperties} records)
 * has a row of its own there: the name, then its default and its meaning.
 */
class ConfigurationReferenceTests {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "task-contracts",
                "split-web",
                "portfolio-mngr",
                "data-orchestrator",
                "yahoo-gateway",
                "init-filter",
                "final-sel",
                "event-srv",
                "log-srv"
            })
    void configurationReferenceHasARowForEverySplitPropertyOf(String module) throws IOException {
        Path metadata = ROOT.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(metadata)
                .as("the configuration processor's output for %s (the reactor builds it first)", module)
                .exists();
        List<String> properties = new ArrayList<>();
        for (JsonNode property :
                JsonMapper.builder().build().readTree(metadata.toFile()).get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("split.")) {
                properties.add(name);
            }
        }
        String reference = Files.readString(ROOT.resolve("docs/configuration.md"));

        assertThat(properties).isNotEmpty();
        assertThat(properties)
                .as("split.* properties of %s without a row in docs/configuration.md", module)
                .allSatisfy(name ->
                        assertThat(reference).containsPattern("(?m)^\\| `" + Pattern.quote(name) + "` \\|.+\\|.+\\|$"));
    }
}
