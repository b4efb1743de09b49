package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cli.Cox;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code cox ledger rebuild} on the running stack, as a person starts it: a real run steered by hand (a change, a
 * checkpoint, a rejected value, a stop) is projected by the live ledger, and the rebuild, while the ledger keeps
 * running, gives the same rows.
 */
@ExtendWith(SharedStack.class)
class LedgerRebuildCommandLineTest {
    private static final List<String> PROJECTIONS = List.of("runs", "parameter_changes", "commands", "interventions",
            "checkpoints", "rule_set_loads");
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void rebuildsARealRunsProjectionsAsTheLiveLedgerKeptThem() throws Exception {
        String runId = "e2e-rebuild-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", runId, 1);
            assertThat(cox("set", runId, "learning_rate=0.005")).extracting(Result::code).isEqualTo(0);
            assertThat(cox("trigger", runId, "checkpoint")).extracting(Result::code).isEqualTo(0);
            assertThat(cox("set", runId, "learning_rate=-1")).extracting(Result::code).isEqualTo(3);
            assertThat(cox("trigger", runId, "stop")).extracting(Result::code).isEqualTo(0);
            events.awaitEvent(RunFinished.class, e -> true);
        }
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ? AND status = 'finished'", runId, 1);
        stack.awaitRows("SELECT 1 FROM commands WHERE run_id = ? AND outcome <> 'pending'", runId, 4);
        stack.awaitRows("SELECT 1 FROM checkpoints WHERE run_id = ?", runId, 1);
        Map<String, List<String>> live = projections(runId);
        assertThat(stack.queryRows("SELECT outcome FROM commands WHERE run_id = ? ORDER BY issued_at", runId))
                .containsExactly(List.of("applied"), List.of("applied"), List.of("rejected"), List.of("applied"));

        Path out = Files.createTempDirectory("cox-rebuild");
        int exit;
        String output;
        try (CoxProcess rebuild = CoxProcess.start(out, "rebuild", "ledger", "rebuild", "--jdbc", stack.jdbc(),
                "--json")) {
            exit = rebuild.awaitExit(120);
            output = rebuild.output();
        }

        assertThat(exit).as(output).isZero();
        JsonNode summary = Json.mapper().readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no JSON summary in:\n" + output)));
        assertThat(summary.get("events").asLong()).isPositive();
        assertThat(summary.get("rows").get("commands").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(projections(runId)).isEqualTo(live);
    }

    /** The run's rows of every projection, as JSON text without the wall-clock updated_at, sorted. */
    private static Map<String, List<String>> projections(String runId) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = stack.sql()) {
            for (String projection : PROJECTIONS) {
                List<String> texts = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT (to_jsonb(p) - 'updated_at')::text FROM "
                        + projection + " p WHERE run_id = ? ORDER BY 1")) {
                    s.setString(1, runId);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            texts.add(rs.getString(1));
                        }
                    }
                }
                rows.put(projection, texts);
            }
        }
        return rows;
    }

    private static Result cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc()));
        return new Result(cmd.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
