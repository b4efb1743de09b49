package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.cli.ExitCodes;
import io.coxswain.embedded.FreePort;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way {@code cox} can fail to find what it was asked about ends in seconds with an exit code and a message that
 * names the problem: an unknown run (with close matches), a Kafka that does not answer (with the address tried), a
 * PostgreSQL that does not answer (with its URL, password left out).
 */
@ExtendWith(SharedStack.class)
class CoxErrorsCommandLineTest {
    private static final Duration FAST = Duration.ofSeconds(10);
    private static final String PASSWORD = "s3cret-pw";

    private static StackFixture stack;
    private static String runId;
    private static Path rules;

    @BeforeAll
    static void recordARun(StackFixture shared) throws Exception {
        stack = shared;
        runId = "errs-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope started = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "errs", 1, 0,
                Instant.now()), new RunStarted(Json.mapper().createObjectNode(), 1, "mlp-blobs", 100, List.of(), 1.0));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrap()),
                new StringSerializer(), Topics.RUN_EVENTS.valueSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, started)).get();
        }
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", runId, 1);
        rules = Files.createTempDirectory("cox-errs").resolve("epoch-log.yaml");
        Files.writeString(rules, """
                scope:
                  experiments: [nothing-runs-here]
                controller_metrics:
                  - name: state
                    class: TrainingState
                operations:
                  - name: epochlog
                    class: LogControl
                    arguments:
                      log_format: 'epoch {state[epoch]} ended at step {step}'
                      log_level: info
                controllers:
                  - name: log_epoch_end
                    triggers: [on_epoch_end]
                    rule: 'True'
                    operations:
                      - epochlog.log
                """);
    }

    static Stream<Arguments> runTakingCommands() {
        return Stream.of(
                Arguments.of(List.of("set", "RUN", "learning_rate=0.01")),
                Arguments.of(List.of("trigger", "RUN", "checkpoint")),
                Arguments.of(List.of("tail", "RUN")),
                Arguments.of(List.of("state", "RUN", "--at-step", "1")),
                Arguments.of(List.of("audit", "RUN")),
                Arguments.of(List.of("audit", "verify", "RUN")),
                Arguments.of(List.of("recipe", "RUN")),
                Arguments.of(List.of("replay", "RUN")),
                Arguments.of(List.of("savings", "--run", "RUN")),
                Arguments.of(List.of("rules", "backtest", "--rules", "RULES", "--run", "RUN")));
    }

    @ParameterizedTest(name = "cox {0}")
    @MethodSource("runTakingCommands")
    void anUnknownRunFailsInSecondsSuggestingCloseMatches(List<String> command) {
        String typo = runId.substring(0, runId.length() - 1) + "#";

        CoxRun r = cox(stack.bootstrap(), stack.jdbc(), with(command, typo));

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNKNOWN_RUN);
        assertThat(r.err()).as(r.toString()).contains("unknown run '" + typo + "'")
                .contains("did you mean " + runId);
        assertThat(r.elapsed()).as(r.toString()).isLessThan(FAST);
    }

    static Stream<Arguments> kafkaCommands() {
        return Stream.of(
                Arguments.of(List.of("set", "RUN", "learning_rate=0.01")),
                Arguments.of(List.of("trigger", "RUN", "checkpoint")),
                Arguments.of(List.of("tail", "RUN")),
                Arguments.of(List.of("rules", "apply", "RULES")),
                Arguments.of(List.of("rules", "list")),
                Arguments.of(List.of("train", "--run-id", "never-trained", "--steps", "10")));
    }

    @ParameterizedTest(name = "cox {0}")
    @MethodSource("kafkaCommands")
    void anUnreachableKafkaFailsInSecondsNamingTheAddressTried(List<String> command) {
        String nowhere = "127.0.0.1:" + FreePort.find();

        CoxRun r = cox(nowhere, stack.jdbc(), with(command, runId));

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).as(r.toString()).contains("Kafka").contains(nowhere);
        assertThat(r.elapsed()).as(r.toString()).isLessThan(FAST);
    }

    static Stream<Arguments> ledgerCommands() {
        return Stream.of(
                Arguments.of(List.of("runs")),
                Arguments.of(List.of("set", "RUN", "learning_rate=0.01")),
                Arguments.of(List.of("tail", "RUN")),
                Arguments.of(List.of("audit", "RUN")),
                Arguments.of(List.of("audit", "verify")),
                Arguments.of(List.of("state", "RUN", "--at-step", "1")),
                Arguments.of(List.of("recipe", "RUN")),
                Arguments.of(List.of("replay", "RUN")),
                Arguments.of(List.of("savings")),
                Arguments.of(List.of("ledger", "rebuild")));
    }

    @ParameterizedTest(name = "cox {0}")
    @MethodSource("ledgerCommands")
    void anUnreachablePostgresFailsInSecondsNamingItsUrlWithoutThePassword(List<String> command) {
        String database = "jdbc:postgresql://127.0.0.1:" + FreePort.find() + "/coxswain";

        CoxRun r = cox(stack.bootstrap(), database + "?user=cox&password=" + PASSWORD, with(command, runId));

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).as(r.toString()).contains("ledger at " + database).doesNotContain(PASSWORD);
        assertThat(r.elapsed()).as(r.toString()).isLessThan(FAST);
    }

    private static List<String> with(List<String> command, String run) {
        return command.stream().map(a -> a.equals("RUN") ? run : a.equals("RULES") ? rules.toString() : a).toList();
    }

    private static CoxRun cox(String bootstrap, String jdbc, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--bootstrap", bootstrap, "--jdbc", jdbc));
        return CoxRun.run(args);
    }
}
