package io.coxswain.streams.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.streams.engine.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The YAML examples of the README's cohort recipes section load as cohort rule sets. */
class ReadmeExamplesTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyCohortRecipeExampleLoads() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Cohort recipes");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> examples = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(section);
        while (block.find()) {
            examples.add(block.group(1));
        }

        assertThat(examples).hasSize(4);
        assertThat(examples).allSatisfy(yaml -> assertThat(RuleSet.load("readme", yaml).cohort()).isTrue());
    }
}
