package io.coxswain.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.cli.Cox;
import io.coxswain.cli.ExitCodes;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.JsonbText;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cox ledger rebuild} against a real PostgreSQL holding the events of one run, one command and a rule set. */
class LedgerRebuildCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String RUN = "r-rebuild";

    @TempDir
    static Path dir;
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void storeEvents() {
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        Ledger.migrate(postgres.jdbcUrl());
        ObjectNode config = Json.mapper().createObjectNode().put("lr", 0.01);
        config.putArray("tags").add("sweep");
        CommandSource ada = CommandSource.user("ada");
        ControlCommand command = new ControlCommand("c-1", RUN, T0.plusSeconds(2), ada,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.02))), "warm-up is over");
        List<NewEvent> rows = new ArrayList<>();
        rows.add(event(RUN, 1, 0, new RunStarted(config, 42, "mlp", 100, List.of(), 1.0)));
        for (int step = 1; step <= 3; step++) {
            rows.add(event(RUN, step + 1, step, new StepCompleted(step / 100.0, step / 100.0, step * 32L, 32,
                    2.0 - step * 0.1, 0.5, 0.01, 0.02, false, false, null)));
        }
        rows.add(commandRow(command));
        rows.add(event(RUN, 5, 3, new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.01),
                DoubleNode.valueOf(0.02), ada)));
        rows.add(event(RUN, 6, 3, new CheckpointSaved("/ckpt/r-rebuild/step-3", 2048, false)));
        rows.add(event(Topics.rulesRunId("plateau"), 1, 0, new RuleSetLoaded("plateau", "v1", null,
                List.of("lr-decay"), Json.mapper().createObjectNode())));
        Ledger.jdbi(postgres.jdbcUrl()).useHandle(h -> h.attach(EventStore.class).appendNew(rows));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void rebuildsEveryProjectionAndPrintsItsRowsWithABarOnStderr() {
        Result result = cox("ledger", "rebuild", "--jdbc", postgres.jdbcUrl());

        assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).matches("rebuilt the projections from 8 events in 1 chunk in \\d+\\.\\d\\d s");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "PROJECTION         ROWS",
                "runs               1",
                "parameter_changes  1",
                "commands           1",
                "interventions      0",
                "checkpoints        1",
                "rule_set_loads     1",
                "savings            2");
        assertThat(result.err()).contains("Rebuilding").contains("100%").contains("8/8");
        ProjectionReads reads = ProjectionReads.connect(postgres.jdbcUrl());
        assertThat(reads.tags(RUN)).containsExactly("sweep");
        assertThat(reads.command("c-1").orElseThrow().outcome()).isEqualTo("applied");
    }

    @Test
    void printsTheSummaryAsJsonWithoutABar() throws Exception {
        Result result = cox("ledger", "rebuild", "--jdbc", postgres.jdbcUrl(), "--json", "--chunk-size", "3");

        assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.OK);
        JsonNode summary = Json.mapper().readTree(result.out());
        assertThat(summary.get("seconds").isNumber()).isTrue();
        ((ObjectNode) summary).remove("seconds");
        assertThat(summary).isEqualTo(Json.mapper().readTree("""
                {"events": 8, "chunks": 3, "rows": {"runs": 1, "parameter_changes": 1, "commands": 1,
                 "interventions": 0, "checkpoints": 1, "rule_set_loads": 1, "savings": 2}}"""));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void failsWithExit6NamingADatabaseItCannotReach() {
        Result result = cox("ledger", "rebuild", "--jdbc",
                "jdbc:postgresql://127.0.0.1:1/none?password=secret&connectTimeout=2");

        assertThat(result.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("cox: cannot reach the ledger at jdbc:postgresql://127.0.0.1:1/none: ")
                .doesNotContain("secret");
    }

    @Test
    void refusesAChunkSizeOutOfRange() {
        Result result = cox("ledger", "rebuild", "--jdbc", postgres.jdbcUrl(), "--chunk-size", "0");

        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("cox: --chunk-size must be 1..100000 rows, got 0" + System.lineSeparator());
    }

    private static NewEvent event(String runId, long seq, long step, RunEvent body) {
        EventEnvelope envelope = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "exp",
                seq, step, T0.plusSeconds(seq)), body);
        return new NewEvent(envelope.header().eventId(), runId, "exp", envelope.type(), seq, step,
                envelope.header().time(), wire(Topics.RUN_EVENTS.codec().encode(envelope)),
                CommandAnswer.commandIdOf(body), Topics.RUN_EVENTS.name(), 0, seq);
    }

    private static NewEvent commandRow(ControlCommand command) {
        return new NewEvent("control:0:0", command.runId(), null, ControlCommand.TYPE, null, null,
                command.issuedAt(), wire(Topics.CONTROL.codec().encode(command)), command.commandId(),
                Topics.CONTROL.name(), 0, 0);
    }

    private static String wire(byte[] bytes) {
        return JsonbText.of(bytes);
    }

    private static Result cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
