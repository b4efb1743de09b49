package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coxswain.cli.Cox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its contract is checked instead: every component is
 * there, and every Coxswain service runs a real {@code cox} command line that parses.
 */
class DockerComposeFileTest {
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void declaresEveryComponentWithCommandsCoxUnderstands() throws Exception {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE)).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "postgres", "control-streams", "ledger", "web-ui", "agent");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");

        List<String> built = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            if (!service.getValue().has("build")) {
                return;
            }
            built.add(service.getKey());
            List<String> command = new ArrayList<>();
            service.getValue().path("command").forEach(arg -> command.add(arg.asText()));
            assertThat(command).as(service.getKey() + " command").isNotEmpty();
            Cox.commandLine().parseArgs(command.toArray(String[]::new));
        });
        assertThat(built).contains("control-streams", "ledger", "web-ui", "agent", "topics");
    }
}
