package io.coxswain.protocol.schema;

import static io.coxswain.protocol.schema.Schemas.CONTROL_COMMAND_SCHEMA;
import static io.coxswain.protocol.schema.Schemas.RUN_EVENT_SCHEMA;
import static io.coxswain.protocol.schema.Schemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in protocol/README.md are what clients copy: they must be valid and decode. */
class ReadmeExamplesTest {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern KCAT_LINE = Pattern.compile("echo '([^|']+)\\|(\\{[^']*})' \\| kcat (.*)");

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theEventExampleIsAValidEvent() throws IOException {
        List<JsonNode> events = jsonBlocks().stream().filter(n -> !n.has("actions")).toList();

        assertThat(events).hasSize(1);
        for (JsonNode event : events) {
            assertThat(violations(RUN_EVENT_SCHEMA, event)).isEmpty();
            assertThat(new EventCodec().decode(event.toString().getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void theCommandExampleIsAValidCommand() throws IOException {
        List<JsonNode> commands = jsonBlocks().stream().filter(n -> n.has("actions")).toList();

        assertThat(commands).hasSize(1);
        for (JsonNode command : commands) {
            assertThat(violations(CONTROL_COMMAND_SCHEMA, command)).isEmpty();
            assertThat(new CommandCodec().decode(command.toString().getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void theKcatExamplePublishesAValidCommandKeyedByItsRunWithTheJavaPartitioner() throws IOException {
        Matcher kcat = KCAT_LINE.matcher(readme());
        assertThat(kcat.find()).as("a kcat one-liner in the README").isTrue();
        JsonNode command = Schemas.parseStrictly(kcat.group(2).getBytes(StandardCharsets.UTF_8));

        assertThat(kcat.group(1)).isEqualTo(command.get("runId").asText());
        assertThat(violations(CONTROL_COMMAND_SCHEMA, command)).isEmpty();
        assertThat(kcat.group(3)).contains("-t " + Topics.CONTROL.name(), "-K '|'", "partitioner=murmur2_random");
    }

    private static List<JsonNode> jsonBlocks() throws IOException {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(readme());
        while (m.find()) {
            blocks.add(Schemas.parseStrictly(m.group(1).getBytes(StandardCharsets.UTF_8)));
        }
        return blocks;
    }
}
