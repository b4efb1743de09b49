package io.coxswain.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cli.Cox;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.StepCompleted;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cox savings} and {@code cox rules backtest --experiment} against a real PostgreSQL ledger holding two runs of
 * experiment exp-cli, both with 0.5 s steps:
 * <ul>
 *   <li>cli-a: 100 planned steps, restart 2 s, checkpoint at 20, user ana changes the learning rate at 30, a rule
 *       stops it at 40; no meter and no energy_watts (100 W assumed);</li>
 *   <li>cli-b: 50 planned steps, restart 1 s, metered by NVML at 200 W, a rule changes the learning rate at 25, runs
 *       to its end.</li>
 * </ul>
 */
class SavingsCommandTest {
    private static final CommandSource ANA = CommandSource.user("ana");
    private static final CommandSource STOP = CommandSource.rule("control-streams", "plateau/stop_on_plateau", null);
    private static final CommandSource HALVE = CommandSource.rule("control-streams", "plateau/halve", null);
    private static ScriptedLedger ledger;

    @BeforeAll
    static void storeRuns() {
        ledger = ScriptedLedger.start();
        ledger.store(new ScriptedLedger.Run("cli-a", "exp-cli").started(100, 2.0).steps(1, 20, 0.5, null, null)
                .checkpoint(20, 2048, false).steps(21, 30, 0.5, null, null).changed(30, "c-1", ANA)
                .steps(31, 40, 0.5, null, null).fired(40, "c-2", "stop", STOP).checkpoint(40, 2048, true)
                .finished(40, "stopped").events());
        ledger.store(new ScriptedLedger.Run("cli-b", "exp-cli").started(50, 1.0)
                .steps(1, 25, 0.5, 100.0, StepCompleted.ENERGY_NVML).changed(25, "c-3", HALVE)
                .steps(26, 50, 0.5, 100.0, StepCompleted.ENERGY_NVML).checkpoint(50, 1024, true)
                .finished(50, "completed").events());
        ledger.store(new ScriptedLedger.Run("cli-c", "exp-other").started(10, 1.0).steps(1, 10, 0.5, null, null)
                .finished(10, "completed").events());
    }

    @AfterAll
    static void stopLedger() {
        ledger.close();
    }

    @Test
    void printsEachInterventionWithItsArithmeticAndTotalsPerRunRuleAndExperiment() {
        Result r = cox("savings", "--experiment", "exp-cli");

        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out).isEqualTo("""
                savings of experiment exp-cli (2 runs); baseline checkpoints every 0.25 epoch

                run cli-a (experiment exp-cli)
                  step 30  live_change by user ana (command c-1)
                    time     7 s        measured   restart 2 s (measured at the run's start) + 10 steps since the \
                checkpoint at step 20 x median step 0.5 s
                    energy   700 J      estimated  7 s x 100 W (the agent's default: energy_watts not in the run's \
                config)
                  step 40  early_stop by rule plateau/stop_on_plateau (command c-2)
                    time     30 s       measured   60 steps not run (planned 100, stopped at step 40) x median step \
                0.5 s
                    energy   3 kJ       estimated  30 s x 100 W (the agent's default: energy_watts not in the run's \
                config)
                  step 40  checkpoint_storage by checkpoint policy
                    storage  0 B        measured   baseline every 0.25 epoch: 1 checkpoints over 0.4 epochs x mean \
                2048 B = 2048 B, less 2048 B written in 1 checkpoints (final checkpoints left out: both policies \
                write one)
                run cli-b (experiment exp-cli)
                  step 25  live_change by rule plateau/halve (command c-3)
                    time     13.5 s     measured   restart 1 s (measured at the run's start) + 25 steps since the \
                run's start (no checkpoint before) x median step 0.5 s
                    energy   2.7 kJ     measured   13.5 s x measured mean power 200 W (nvml over 50 steps)
                  step 50  checkpoint_storage by checkpoint policy
                    storage  2 KiB      measured   baseline every 0.25 epoch: 2 checkpoints over 0.5 epochs x mean \
                1024 B = 2048 B, less 0 B written in 0 checkpoints (final checkpoints left out: both policies write \
                one)

                per run:
                  cli-a  time 37 s measured; energy 3.7 kJ estimated; storage 0 B
                  cli-b  time 13.5 s measured; energy 2.7 kJ measured; storage 2 KiB measured

                per rule or sender:
                  user ana                      time 7 s measured; energy 700 J estimated; storage 0 B
                  rule plateau/stop_on_plateau  time 30 s measured; energy 3 kJ estimated; storage 0 B
                  checkpoint policy             time 0 s; energy 0 J; storage 2 KiB measured
                  rule plateau/halve            time 13.5 s measured; energy 2.7 kJ measured; storage 0 B

                per experiment:
                  exp-cli  time 50.5 s measured; energy 2.7 kJ measured + 3.7 kJ estimated; storage 2 KiB measured

                total (5 items): time 50.5 s measured; energy 2.7 kJ measured + 3.7 kJ estimated; storage 2 KiB \
                measured
                """);
    }

    @Test
    void printsTheSameReportAsOneJsonObject() throws Exception {
        Result r = cox("savings", "--run", "cli-b", "--run", "cli-a", "--json");

        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        JsonNode json = Json.mapper().readTree(r.out);
        assertThat(json.get("runs")).isEqualTo(Json.mapper().valueToTree(List.of("cli-b", "cli-a")));
        assertThat(json.at("/settings/baselineCheckpointEpochs").asDouble()).isEqualTo(0.25);
        JsonNode report = json.get("report");
        assertThat(report.get("items")).hasSize(5);
        assertThat(report.at("/items/0")).isEqualTo(Json.mapper().readTree("""
                {"kind":"live_change","runId":"cli-b","experimentId":"exp-cli","step":25,
                 "by":{"commandId":"c-3","kind":"rule","author":"control-streams","rule":"plateau/halve"},
                 "seconds":{"value":13.5,"measure":"measured","basis":"restart 1 s (measured at the run's start) + 25 \
                steps since the run's start (no checkpoint before) x median step 0.5 s"},
                 "energyJoules":{"value":2700.0,"measure":"measured","basis":"13.5 s x measured mean power 200 W \
                (nvml over 50 steps)"}}"""));
        assertThat(report.get("total")).isEqualTo(Json.mapper().readTree("""
                {"items":5,"secondsMeasured":50.5,"secondsEstimated":0.0,"joulesMeasured":2700.0,
                 "joulesEstimated":3700.0,"bytesMeasured":2048.0,"bytesEstimated":0.0}"""));
        assertThat(report.get("byCredit").fieldNames()).toIterable().containsExactly("rule plateau/halve",
                "checkpoint policy", "user ana", "rule plateau/stop_on_plateau");
        assertThat(report.get("byExperiment").fieldNames()).toIterable().containsExactly("exp-cli");
    }

    @Test
    void aRunThatSavedNothingSaysSo() {
        Result r = cox("savings", "--run", "cli-c");

        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out).isEqualTo("""
                savings of run cli-c; baseline checkpoints every 0.25 epoch
                nothing saved: no early stop, live change or checkpoint recorded
                """);
    }

    @Test
    void anUnknownRunOrExperimentExitsFiveNamingCloseOnes() {
        Result run = cox("savings", "--run", "cli-d");
        assertThat(run.code).isEqualTo(ExitCodes.UNKNOWN_RUN);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("cox: unknown run 'cli-d' in the ledger; did you mean cli-a, cli-b, cli-c?\n");

        Result experiment = cox("savings", "--experiment", "exp-clj");
        assertThat(experiment.code).isEqualTo(ExitCodes.UNKNOWN_RUN);
        assertThat(experiment.err).isEqualTo("cox: unknown experiment 'exp-clj' (no runs in the ledger); did you mean "
                + "exp-cli?\n");

        Result nothingClose = cox("savings", "--experiment", "zzz");
        assertThat(nothingClose.err).isEqualTo("cox: unknown experiment 'zzz' (no runs in the ledger); `cox runs` "
                + "lists the runs\n");
    }

    @Test
    void badOptionsExitTwo() {
        Result both = cox("savings", "--run", "cli-a", "--experiment", "exp-cli");
        assertThat(both.code).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err).isEqualTo("cox: give --experiment or --run, not both\n");

        Result baseline = cox("savings", "--baseline-every", "-1");
        assertThat(baseline.code).isEqualTo(ExitCodes.USAGE);
        assertThat(baseline.err).isEqualTo("cox: --baseline-every: the baseline checkpoint interval must be > 0 and "
                + "<= 1000 epochs, got -1.0\n");
    }

    @Test
    void backtestsEveryRunOfAnExperimentAndReportsWhatItsStopsWouldHaveSaved() throws Exception {
        Path rules = ScriptedLedger.tempFile("stop20.yaml");
        Files.writeString(rules, """
                controller_metrics:
                  - {name: state, class: TrainingState}
                controllers:
                  - name: stop_at_20
                    triggers: [on_step_end]
                    rule: state["global_step"] >= 20
                    operations: [hfcontrols.should_training_stop]
                """);
        Path json = rules.resolveSibling("savings.json");

        Result r = cox("rules", "backtest", "--rules", rules.toString(), "--experiment", "exp-cli",
                "--savings-json", json.toString());

        assertThat(r.code).as(r.err).isEqualTo(ExitCodes.OK);
        assertThat(r.out.lines().map(SavingsCommandTest::commandId))
                .containsExactly("rule-cli-a-stop20-stop_at_20-on_step_end-20",
                        "rule-cli-b-stop20-stop_at_20-on_step_end-20");
        String defaultWatts = "100 W (the agent's default: energy_watts not in the run's config)";
        assertThat(r.err).isEqualTo("""
                run cli-a stopped at step 20 by stop_at_20 (rule set stop20); 25 later events not replayed
                run cli-b stopped at step 20 by stop_at_20 (rule set stop20); 33 later events not replayed
                savings: run cli-a early_stop at step 20 by rule stop20/stop_at_20 (command \
                rule-cli-a-stop20-stop_at_20-on_step_end-20): time 40 s measured (80 steps not run (planned 100, \
                stopped at step 20) x median step 0.5 s); energy 4 kJ estimated (40 s x %s)
                savings: run cli-b early_stop at step 20 by rule stop20/stop_at_20 (command \
                rule-cli-b-stop20-stop_at_20-on_step_end-20): time 15 s measured (30 steps not run (planned 50, \
                stopped at step 20) x median step 0.5 s); energy 3 kJ measured (15 s x measured mean power 200 W \
                (nvml over 50 steps))
                savings by rule stop20/stop_at_20: time 55 s measured; energy 3 kJ measured + 4 kJ estimated; \
                storage 0 B
                savings total (2 items): time 55 s measured; energy 3 kJ measured + 4 kJ estimated; storage 0 B
                backtest: events read from the ledger 100, undecodable 0, replayed 42, ignored after a stop 58; \
                commands 2, failures 0, skips 0, logs 0
                """.formatted(defaultWatts));
        assertThat(Json.mapper().readTree(json.toFile()).get("total")).isEqualTo(Json.mapper().readTree("""
                {"items":2,"secondsMeasured":55.0,"secondsEstimated":0.0,"joulesMeasured":3000.0,
                 "joulesEstimated":4000.0,"bytesMeasured":0.0,"bytesEstimated":0.0}"""));
    }

    @Test
    void backtestOfAnUnknownExperimentExitsFive() throws Exception {
        Path rules = ScriptedLedger.tempFile("stop.yaml");
        Files.writeString(rules, """
                controller_metrics:
                  - {name: state, class: TrainingState}
                controllers:
                  - {name: stop, triggers: [on_step_end], rule: "True", operations: [hfcontrols.should_training_stop]}
                """);

        Result r = cox("rules", "backtest", "--rules", rules.toString(), "--experiment", "exp-clx");

        assertThat(r.code).isEqualTo(ExitCodes.UNKNOWN_RUN);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo("cox: unknown experiment 'exp-clx' (no runs in the ledger); did you mean "
                + "exp-cli?\n");
    }

    private static String commandId(String line) {
        try {
            return Json.mapper().readTree(line).get("commandId").asText();
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc", ledger.jdbc()));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
