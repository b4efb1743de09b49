package io.coxswain.cli.commands.rules;

import static io.coxswain.cli.commands.rules.CoxRun.cox;
import static io.coxswain.cli.commands.rules.CoxRun.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cox rules backtest} over generated events: run r-1's loss plateaus from step 100 and a rule stops it at step
 * 160; run r-2 keeps improving. Steps are logged every 10 and end an epoch every 100; the two runs interleave.
 */
class RulesCommandBacktestTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Path PLATEAU = resource("rules/plateau.yaml");
    private static final Path EPOCH_LOG = resource("rules/epoch-log.yaml");
    private static final EventCodec EVENTS = new EventCodec();

    @TempDir
    static Path dir;
    private static Path events;
    private static List<String> lines;

    @BeforeAll
    static void writeEvents() throws Exception {
        List<EventEnvelope> r1 = run("r-1", 1000, s -> s < 100 ? 2.0 - 0.01 * s : 1.0);
        List<EventEnvelope> r2 = run("r-2", 300, s -> 2.0 - 0.001 * s);
        lines = new ArrayList<>();
        for (int i = 0; i < r1.size(); i++) {
            lines.add(EVENTS.encodeToString(r1.get(i)));
            if (i < r2.size()) {
                lines.add(EVENTS.encodeToString(r2.get(i)));
            }
            if (lines.size() == 2) {
                lines.add("{\"v\":1,\"type\":\"StepCompleted\",\"runId\":\"r-1\"}");
            }
        }
        events = dir.resolve("events.jsonl");
        Files.write(events, lines);
    }

    /** RunStarted at step 0, steps 1..{@code steps}, RunFinished. */
    private static List<EventEnvelope> run(String runId, long steps, LongToDoubleFunction loss) {
        List<EventEnvelope> run = new ArrayList<>();
        run.add(envelope(runId, 0, new RunStarted(Json.mapper().createObjectNode().put("lr", 0.01), 42, "mlp",
                steps, List.of(), 1.0)));
        for (long s = 1; s <= steps; s++) {
            run.add(envelope(runId, s, new StepCompleted(s / 100.0, (s % 100) / 100.0, s * 32, 32,
                    loss.applyAsDouble(s), 0.5, 0.01, 0.02, s % 10 == 0, s % 100 == 0, null)));
        }
        run.add(envelope(runId, steps, new RunFinished(RunFinished.COMPLETED, "planned steps done")));
        return run;
    }

    private static EventEnvelope envelope(String runId, long step, RunEvent event) {
        long seq = event instanceof RunFinished ? step + 2 : step + 1;
        return new EventEnvelope(new EventHeader("ev-" + runId + "-" + seq, runId, "exp-1", seq, step,
                T0.plusSeconds(step)), event);
    }

    private static List<ControlCommand> commands(CoxRun r) {
        CommandCodec codec = new CommandCodec();
        return r.outLines().stream().map(line -> {
            Decoded<ControlCommand> decoded = codec.decode(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(decoded).as(line).isInstanceOf(Decoded.Ok.class);
            return ((Decoded.Ok<ControlCommand>) decoded).value();
        }).toList();
    }

    @Test
    void printsEachCommandAsOneControlCommandJsonLineAndStopsTheRunsReplay() {
        CoxRun r = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events", events.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        List<ControlCommand> commands = commands(r);
        assertThat(commands).extracting(ControlCommand::commandId).containsExactly(
                "rule-r-1-plateau-halve_lr_at_50-on_log-50",
                "rule-r-2-plateau-halve_lr_at_50-on_log-50",
                "rule-r-1-plateau-stop_on_plateau-on_log-160");
        assertThat(commands.get(0).actions()).containsExactly(
                new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.005)));
        ControlCommand stop = commands.get(2);
        assertThat(stop.runId()).isEqualTo("r-1");
        assertThat(stop.issuedAt()).isEqualTo(T0.plusSeconds(160));
        assertThat(stop.actions()).containsExactly(new Action.FireTrigger("stop"));
        assertThat(stop.source().kind()).isEqualTo(SourceKind.RULE);
        assertThat(stop.source().rule()).isEqualTo("plateau/stop_on_plateau");
        assertThat(stop.source().evidence().get("patience").get("count").asInt()).isEqualTo(3);
        String watts = "100 W (the agent's default: energy_watts not in the run's config)";
        String halve = " live_change at step 50 by rule plateau/halve_lr_at_50 (command rule-%s-plateau-halve_lr_at_50-"
                + "on_log-50): time 2 s measured (restart 1 s (measured at the run's start) + 50 steps since the run's "
                + "start (no checkpoint before) x median step 0.02 s); energy 200 J estimated (2 s x " + watts + ")";
        assertThat(r.errLines()).filteredOn(l -> l.startsWith("savings")).containsExactly(
                "savings: run r-1" + halve.formatted("r-1"),
                "savings: run r-1 early_stop at step 160 by rule plateau/stop_on_plateau (command "
                        + "rule-r-1-plateau-stop_on_plateau-on_log-160): time 16.8 s measured (840 steps not run "
                        + "(planned 1000, stopped at step 160) x median step 0.02 s); energy 1.68 kJ estimated "
                        + "(16.8 s x " + watts + ")",
                "savings: run r-2" + halve.formatted("r-2"),
                "savings by rule plateau/halve_lr_at_50: time 4 s measured; energy 400 J estimated; storage 0 B",
                "savings by rule plateau/stop_on_plateau: time 16.8 s measured; energy 1.68 kJ estimated; "
                        + "storage 0 B",
                "savings total (3 items): time 20.8 s measured; energy 2.08 kJ estimated; storage 0 B");
        assertThat(r.errLines()).contains(
                "run r-1 stopped at step 160 by stop_on_plateau (rule set plateau); 841 later events not replayed",
                "backtest: events read 1304, bad lines 1, replayed 463, ignored after a stop 841; commands 3, "
                        + "failures 2, skips 2, logs 0");
    }

    @Test
    void reportsBadLinesSkipsAndFailuresOnStderr() {
        CoxRun r = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events", events.toString());

        assertThat(r.errLines()).filteredOn(l -> !l.startsWith("run ") && !l.startsWith("backtest:")
                        && !l.startsWith("savings"))
                .containsExactly(
                        "RuleSkipped run r-1 step 0 controller loss_known_at_start: metric loss has no value: no "
                                + "logged loss yet (Loss has a value from the first logged step on) [rule set "
                                + "plateau, trigger on_train_begin]",
                        "RuleSkipped run r-2 step 0 controller loss_known_at_start: metric loss has no value: no "
                                + "logged loss yet (Loss has a value from the first logged step on) [rule set "
                                + "plateau, trigger on_train_begin]",
                        events + ":3: missing field 'eventId'",
                        "RuleFailed run r-1 step 100 controller reads_a_missing_key: "
                                + failure(r, "r-1") + " [rule set plateau, trigger on_epoch_end, rule "
                                + "state[\"no_such_key\"] > 1]",
                        "RuleFailed run r-2 step 100 controller reads_a_missing_key: "
                                + failure(r, "r-2") + " [rule set plateau, trigger on_epoch_end, rule "
                                + "state[\"no_such_key\"] > 1]");
        assertThat(failure(r, "r-1")).contains("no_such_key");
    }

    private static String failure(CoxRun r, String run) {
        String prefix = "RuleFailed run " + run + " step 100 controller reads_a_missing_key: ";
        String line = r.errLines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        return line.substring(prefix.length(), line.indexOf(" [rule set"));
    }

    @Test
    void severalRuleSetsRunTogetherAndLogControlMessagesGoToStderr() {
        CoxRun r = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--rules", EPOCH_LOG.toString(),
                "--events", events.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(commands(r)).hasSize(3);
        assertThat(r.errLines()).filteredOn(l -> l.startsWith("ControlLogged")).containsExactly(
                "ControlLogged run r-1 step 100 controller log_epoch_end info: epoch 1.0 ended at step 100 "
                        + "[rule set epoch-log, trigger on_epoch_end]",
                "ControlLogged run r-2 step 100 controller log_epoch_end info: epoch 1.0 ended at step 100 "
                        + "[rule set epoch-log, trigger on_epoch_end]",
                "ControlLogged run r-2 step 200 controller log_epoch_end info: epoch 2.0 ended at step 200 "
                        + "[rule set epoch-log, trigger on_epoch_end]",
                "ControlLogged run r-2 step 300 controller log_epoch_end info: epoch 3.0 ended at step 300 "
                        + "[rule set epoch-log, trigger on_epoch_end]");
        assertThat(r.errLines()).last().asString().endsWith("logs 4");
    }

    @Test
    void readsStdin() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(events)));
            CoxRun r = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events", "-");

            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
            assertThat(commands(r)).hasSize(3);
            assertThat(r.errLines()).contains("stdin:3: missing field 'eventId'");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void strictFailsWithExitTwoOnTheFirstBadLine() {
        CoxRun r = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events", events.toString(),
                "--strict");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(events + ":3: missing field 'eventId' (--strict: stopped there)");
    }

    @Test
    void unreadableEventsExitTwoAndABadRuleFileExitsOne() {
        CoxRun missing = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events",
                dir.resolve("none.jsonl").toString());
        assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("cannot read events from " + dir.resolve("none.jsonl") + ": no such file");

        CoxRun directory = cox("rules", "backtest", "--rules", PLATEAU.toString(), "--events", dir.toString());
        assertThat(directory.code()).as(directory.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(directory.err()).contains("cannot read events from " + dir + ": is a directory");

        Path bad = resource("rules/bad-rule.yaml");
        CoxRun badRules = cox("rules", "backtest", "--rules", bad.toString(), "--events", events.toString());
        assertThat(badRules.code()).as(badRules.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(badRules.err()).contains(bad + ": controller 'stop-on-plateau', field 'rule', column 8: ");
        assertThat(badRules.out()).isEmpty();
    }
}
