package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients that are not Coxswain's: kcat publishes a command as plain JSON, psql reads what the ledger recorded. */
@ExtendWith(SharedStack.class)
class OutsideClientsEndToEndTest {
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void appliesACommandPublishedWithKcatAndShowsItThroughPsql() throws Exception {
        ExternalTool.require("kcat");
        ExternalTool.require("psql");
        String runId = "e2e-kcat-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            String command = "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"kcat-1\",\"runId\":\"" + runId
                    + "\",\"source\":{\"kind\":\"user\",\"author\":\"kcat\"},"
                    + "\"actions\":[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.02}],"
                    + "\"reason\":\"sent with kcat\"}";
            ExternalTool.run(List.of("kcat", "-P", "-b", stack.bootstrap(), "-t", Topics.CONTROL.name(), "-K", "|",
                            "-X", "topic.partitioner=murmur2_random"),
                    runId + "|" + command + "\n");

            EventEnvelope answer = events.awaitEvent(ParameterChanged.class, e -> true);
            assertThat(((ParameterChanged) answer.event()).commandId()).isEqualTo("kcat-1");
            assertThat(((ParameterChanged) answer.event()).newValue().asDouble()).isEqualTo(0.02);
            EventEnvelope later = events.awaitEvent(StepCompleted.class, e -> e.step() > answer.step());
            assertThat(((StepCompleted) later.event()).learningRate()).isEqualTo(0.02);

            stack.awaitRows("SELECT 1 FROM parameter_changes WHERE run_id = ?", runId, 1);
            String psqlOut = ExternalTool.run(List.of("psql", psqlUrl(), "-tA", "-F", ",", "-c",
                    "SELECT param, new_value, author, reason, step FROM parameter_changes WHERE run_id = '" + runId
                            + "'"), "");
            assertThat(psqlOut.trim()).isEqualTo("learning_rate,0.02,kcat,sent with kcat," + answer.step());
        }
    }

    @Test
    void answersACommandThatKcatsDefaultPartitionerPutOnTheWrongPartition() throws Exception {
        ExternalTool.require("kcat");
        String runId = misplacedByCrc32();
        try (RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            String command = "{\"v\":1,\"commandId\":\"kcat-misplaced\",\"runId\":\"" + runId
                    + "\",\"actions\":[{\"op\":\"trigger\",\"name\":\"checkpoint\"}]}";
            ExternalTool.run(List.of("kcat", "-P", "-b", stack.bootstrap(), "-t", Topics.CONTROL.name(), "-K", "|"),
                    runId + "|" + command + "\n");

            CommandRejected rejected = (CommandRejected) events.awaitEvent(CommandRejected.class, e -> true).event();
            assertThat(rejected.commandId()).isEqualTo("kcat-misplaced");
            int expected = Topic.partitionFor(runId, Topics.DEFAULT_PARTITIONS);
            assertThat(rejected.reason()).contains("reads partition " + expected).contains("murmur2");
        }
    }

    /** A run id that librdkafka's default partitioner (CRC32 of the key) puts on another partition than murmur2. */
    private static String misplacedByCrc32() {
        while (true) {
            String runId = "e2e-misplaced-" + UUID.randomUUID();
            CRC32 crc = new CRC32();
            crc.update(runId.getBytes(StandardCharsets.UTF_8));
            if (crc.getValue() % Topics.DEFAULT_PARTITIONS != Topic.partitionFor(runId, Topics.DEFAULT_PARTITIONS)) {
                return runId;
            }
        }
    }

    /** The stack's JDBC URL as a libpq URL, e.g. postgresql://postgres@127.0.0.1:5432/coxswain. */
    private static String psqlUrl() {
        URI uri = URI.create(stack.jdbc().substring("jdbc:".length()));
        return "postgresql://postgres@" + uri.getHost() + ":" + uri.getPort() + "/" + EmbeddedPostgresServer.DATABASE;
    }
}
