package io.coxswain.streams.rules.trac;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads controller files from text or from src/test/resources/trac with TrAC's built-in classes only, so that messages
 * listing the known classes do not depend on the classes plugged in through {@code META-INF/services}.
 */
final class TracFixtures {
    private static final YAMLFactory YAML = new YAMLFactory();

    private TracFixtures() {
    }

    static TracRuleSet load(String yaml) {
        return TracRuleSet.load(yaml, "test.yaml", YAML, TracClasses.builtins());
    }

    static TracRuleSet loadResource(String name) {
        try (InputStream in = TracFixtures.class.getResourceAsStream("/trac/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return TracRuleSet.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, YAML,
                    TracClasses.builtins());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
