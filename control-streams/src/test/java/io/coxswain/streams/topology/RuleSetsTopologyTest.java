package io.coxswain.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.BatchFlagged;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.internal.TopicSerde;
import io.coxswain.streams.rules.trac.CohortView;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.TracClasses;
import io.coxswain.streams.rules.trac.TracMetricClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology with TrAC rule sets published to {@code coxswain.rules}: loads and replacements recorded,
 * every trigger, patience modes, reports, TrAC's example files, and cohort rule sets grouped by experiment.
 */
class RuleSetsTopologyTest {
    private static final String RUN = "r-1";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> rules;
    private TestInputTopic<String, byte[]> runEvents;
    private TestOutputTopic<String, ControlCommand> control;
    private TestOutputTopic<String, EventEnvelope> events;

    @BeforeEach
    void start() {
        TracClasses plugged = TracClasses.builtinsAndServices(RuleSetsTopologyTest.class.getClassLoader());
        List<TracMetricClass> metrics = new ArrayList<>(plugged.metrics().values());
        metrics.add(new CohortSize());
        RuleSetRegistry registry = new RuleSetRegistry(TracClasses.of(metrics, plugged.operations().values()));
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092").withStateDir(stateDir)
                .withControlPartitions(1);
        StreamsBuilder builder = new StreamsBuilder();
        ControlTopology.build(builder, config, registry);
        driver = new TopologyTestDriver(builder.build(), config.toProperties());
        rules = driver.createInputTopic(Topics.RULES, new StringSerializer(), new StringSerializer());
        runEvents = driver.createInputTopic(Topics.RUN_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        control = driver.createOutputTopic(Topics.CONTROL.name(), new StringDeserializer(),
                new TopicSerde<>(Topics.CONTROL).deserializer());
        events = driver.createOutputTopic(Topics.RUN_EVENTS.name(), new StringDeserializer(),
                new TopicSerde<>(Topics.RUN_EVENTS).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void loadsReplacementsRejectionsAndWithdrawalsAreRecordedOnceAndABadVersionLeavesTheOldOneRunning() {
        String guard = fixture("epoch-level-training-loss.yaml");
        rules.pipeInput("guard", guard);
        rules.pipeInput("guard", guard);
        List<RunEvent> loads = ruleEvents();
        assertThat(loads).hasSize(1);
        RuleSetLoaded loaded = (RuleSetLoaded) loads.get(0);
        assertThat(loaded.controllers()).containsExactly("epoch_level_stop_on_training_loss_below_threshold");
        assertThat(loaded.previous()).isNull();

        rules.pipeInput("guard", guard.replace("rule: training_loss[\"loss\"] < 2.2", "rule: training_loss[\"loss\"] <"));
        RuleSetRejected rejected = (RuleSetRejected) ruleEvents().get(0);
        assertThat(rejected.error()).contains("controller 'epoch_level_stop_on_training_loss_below_threshold'")
                .contains("column");

        send(RunEvents.started(RUN), step(100, 1.0, true, true));
        assertThat(ruleCommands()).extracting(ControlCommand::actions)
                .containsExactly(List.of(new Action.FireTrigger("stop")));

        rules.pipeInput("guard", (String) null);
        assertThat(ruleEvents()).singleElement().isInstanceOfSatisfying(RuleSetRemoved.class,
                removed -> assertThat(removed.previous()).isEqualTo(loaded.version()));
        send(RunEvents.started("r-2"), step("r-2", 100, 1.0, true, true));
        assertThat(ruleCommands()).isEmpty();
    }

    @Test
    void everyTriggerMapsToItsEvent() {
        StringBuilder yaml = new StringBuilder("controller_metrics:\n  - name: s\n    class: TrainingState\n"
                + "controllers:\n");
        for (String trigger : List.of("on_train_begin", "on_step_end", "on_log", "on_epoch_end", "on_evaluate",
                "on_save", "on_train_end")) {
            yaml.append("  - name: c-").append(trigger).append("\n    triggers: [").append(trigger)
                    .append("]\n    rule: 'True'\n    operations: [hfcontrols.should_log]\n");
        }
        rules.pipeInput("all", yaml.toString());
        send(RunEvents.started(RUN), step(1, 1.0, false, false), step(2, 1.0, true, true),
                RunEvents.envelope(RUN, 2, new EvalCompleted(Map.of("eval_loss", 0.5))),
                RunEvents.envelope(RUN, 2, new CheckpointSaved("/ckpt/2", 10, false)),
                RunEvents.envelope(RUN, 2, new RunFinished(RunFinished.COMPLETED, null)));
        assertThat(ruleCommands()).extracting(ControlCommand::commandId).containsExactly(
                "rule-r-1-all-c-on_train_begin-on_train_begin-0",
                "rule-r-1-all-c-on_step_end-on_step_end-1",
                "rule-r-1-all-c-on_step_end-on_step_end-2",
                "rule-r-1-all-c-on_log-on_log-2",
                "rule-r-1-all-c-on_epoch_end-on_epoch_end-2",
                "rule-r-1-all-c-on_evaluate-on_evaluate-2",
                "rule-r-1-all-c-on_save-on_save-2",
                "rule-r-1-all-c-on_train_end-on_train_end-2");
    }

    @Test
    void everyHfControlsActionAndPerProcessStateAndOnPredictMetrics() {
        rules.pipeInput("ops", """
                controller_metrics:
                  - name: proc
                    class: PerProcessState
                  - name: predicted
                    class: EvalMetrics
                    arguments:
                      source_event: on_predict
                controllers:
                  - name: all-actions
                    triggers: [on_step_end]
                    rule: proc["rank"] == 0
                    operations:
                      - hfcontrols.should_evaluate
                      - hfcontrols.should_save
                      - hfcontrols.should_log
                      - hfcontrols.should_epoch_stop
                      - hfcontrols.should_training_stop
                  - name: never-predicts
                    triggers: [on_step_end]
                    rule: predicted["eval_loss"] > 0
                    operations: [hfcontrols.should_save]
                """);
        ruleEvents();
        send(RunEvents.started(RUN), step(1, 1.0, false, false));
        assertThat(ruleCommands()).singleElement().satisfies(c -> assertThat(c.actions()).containsExactly(
                new Action.FireTrigger("evaluate"), new Action.FireTrigger("checkpoint"),
                new Action.FireTrigger("log"), new Action.FireTrigger("epoch_stop"), new Action.FireTrigger("stop")));
        assertThat(events.readValuesToList()).singleElement().satisfies(e -> assertThat(
                ((RuleSkipped) e.event()).reason()).contains("on_predict"));
    }

    @Test
    void patienceModesCountAsSpecified() {
        String yaml = """
                controller_metrics:
                  - name: loss
                    class: Loss
                controllers:
                  - name: c
                    triggers: [on_log]
                    rule: loss["loss"] > 1
                    patience:
                      patience_threshold: 2
                      mode: %s
                    operations: [hfcontrols.should_save]
                """;
        rules.pipeInput("reset", yaml.formatted("reset_on_failure"));
        rules.pipeInput("keep", yaml.formatted("no_reset_on_failure"));
        double[] losses = {2, 2, 0, 2, 2, 2};
        send(RunEvents.started(RUN));
        for (int i = 0; i < losses.length; i++) {
            send(step(i + 1, losses[i], true, false));
        }
        assertThat(ruleCommands()).extracting(c -> c.source().rule() + "@" + c.source().evidence().get("step"))
                .containsExactly("keep/c@4", "reset/c@6");
    }

    @Test
    void tracExampleFilesRunUnchanged() {
        rules.pipeInput("patience", fixture("epoch-level-eval-loss-patience.yaml"));
        rules.pipeInput("save", fixture("on-log-save.yaml"));
        rules.pipeInput("log", fixture("log-controller.yaml"));
        send(RunEvents.started(RUN));
        for (int epoch = 1; epoch <= 4; epoch++) {
            long step = epoch * 10L;
            send(step(step, 1.0, true, true),
                    RunEvents.envelope(RUN, step, new EvalCompleted(Map.of("eval_loss", 3.0))));
        }
        List<ControlCommand> commands = ruleCommands();
        assertThat(commands).filteredOn(c -> c.source().rule().startsWith("save/")).hasSize(4);
        assertThat(commands).filteredOn(c -> c.source().rule().startsWith("patience/"))
                .extracting(c -> c.source().evidence().get("step").asLong()).containsExactly(40L);
        List<ControlLogged> logs = new ArrayList<>();
        events.readValuesToList().forEach(e -> {
            if (e.event() instanceof ControlLogged logged) {
                logs.add(logged);
            }
        });
        assertThat(logs).isNotEmpty();
        assertThat(logs.get(0).message()).startsWith("This is a test log format [on_step_end] ==> {'training_state':");
        assertThat(logs.get(0).level()).isEqualTo("warning");
        assertThat(commands).filteredOn(c -> c.source().rule().startsWith("log/"))
                .allSatisfy(c -> assertThat(c.actions()).containsExactly(new Action.FireTrigger("log")));
    }

    @Test
    void reportsAboutRunsGoToTheEventsTopicAndAreNotReEvaluated() {
        rules.pipeInput("reports", """
                controller_metrics:
                  - name: eval
                    class: EvalMetrics
                  - name: loss
                    class: Loss
                controllers:
                  - name: needs-eval
                    triggers: [on_log]
                    rule: eval["eval_loss"] > 1
                    operations: [hfcontrols.should_save]
                  - name: broken
                    triggers: [on_log]
                    rule: loss["nope"] > 1
                    operations: [hfcontrols.should_save]
                """);
        ruleEvents();
        send(RunEvents.started(RUN), step(1, 1.0, true, false), step(2, 1.0, true, false));
        List<EventEnvelope> reports = events.readValuesToList();
        assertThat(reports).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("RuleSkipped", "RuleFailed");
        assertThat(((RuleSkipped) reports.get(0).event()).controller()).isEqualTo("needs-eval");
        assertThat(((RuleFailed) reports.get(1).event()).error()).contains("nope");
        reports.forEach(r -> runEvents.pipeInput(r.runId(), Topics.RUN_EVENTS.codec().encode(r)));
        assertThat(events.readValuesToList()).isEmpty();
        assertThat(ruleCommands()).isEmpty();
    }

    @Test
    void cohortRuleSetsSeeEveryRunOfTheExperiment() {
        rules.pipeInput("cohort", """
                controller_metrics:
                  - name: cohort
                    class: CohortSize
                controllers:
                  - name: third-run
                    triggers: [on_train_begin]
                    rule: cohort >= 3
                    operations: [hfcontrols.should_log]
                """);
        send(RunEvents.started("a"), RunEvents.started("b"), other("x", RunEvents.started("x")),
                RunEvents.started("c"));
        assertThat(ruleCommands()).extracting(ControlCommand::runId).containsExactly("c");
    }

    @Test
    void windowsAndTheBatchInspectorRunInTheTopologyAndFlaggedBatchesAreReported() {
        rules.pipeInput("windows", """
                controller_metrics:
                  - {name: recent, class: WindowedMetric, arguments: {source: loss, window: 3}}
                  - {name: batches, class: DataBatchInspector, arguments: {threshold: 5.0}}
                controllers:
                  - name: rising
                    triggers: [on_log]
                    rule: recent["slope"] is not None and recent["slope"] > 0
                    operations: [hfcontrols.should_save]
                """);
        ruleEvents();
        send(RunEvents.started(RUN), step(1, 1.0, true, false), step(2, 0.9, true, false), step(3, 1.2, true, false),
                RunEvents.envelope(RUN, 4, new StepCompleted(0.4, 0.5, 128, 32, 7.0, 0.5, 0.01, 0.02, true, false,
                        List.of(0.1, 0.1, 30.0, 0.1))));
        assertThat(ruleCommands()).extracting(c -> c.source().evidence().get("step").asLong())
                .containsExactly(3L, 4L);
        assertThat(events.readValuesToList()).singleElement().satisfies(e -> {
            assertThat(e.step()).isEqualTo(4);
            assertThat(e.event()).isEqualTo(new BatchFlagged("windows", "batches", 7.0, 5.0, List.of(2),
                    List.of(30.0), 1, true));
        });
    }

    @Test
    void aCohortRecipeRanksRunsOfOneExperimentInTheTopology() {
        rules.pipeInput("rank", """
                controller_metrics:
                  - {name: standing, class: CohortRank}
                controllers:
                  - name: last
                    triggers: [on_log]
                    rule: standing["rank"] == standing["size"]
                    operations: [hfcontrols.should_log]
                """);
        ruleEvents();
        send(RunEvents.started("a"), RunEvents.started("b"), step("a", 1, 1.0, true, false),
                step("b", 1, 2.0, true, false), step("a", 2, 0.5, true, false), step("b", 2, 0.6, true, false));
        assertThat(ruleCommands()).extracting(c -> c.runId() + "@" + c.source().evidence().get("step"))
                .containsExactly("b@1", "b@2");
    }

    private static EventEnvelope other(String runId, EventEnvelope e) {
        return new EventEnvelope(new EventHeader(e.header().eventId(), runId, "exp-other", e.header().seq(),
                e.step(), e.header().time()), e.event());
    }

    private void send(EventEnvelope... envelopes) {
        for (EventEnvelope e : envelopes) {
            runEvents.pipeInput(e.runId(), Topics.RUN_EVENTS.codec().encode(e));
        }
    }

    private List<ControlCommand> ruleCommands() {
        return control.readValuesToList().stream().filter(c -> c.source().rule() != null
                && c.source().rule().contains("/")).toList();
    }

    private List<RunEvent> ruleEvents() {
        return events.readValuesToList().stream().filter(e -> e.runId().startsWith("rules:"))
                .map(EventEnvelope::event).toList();
    }

    private static EventEnvelope step(long step, double loss, boolean logged, boolean epochEnd) {
        return step(RUN, step, loss, logged, epochEnd);
    }

    private static EventEnvelope step(String runId, long step, double loss, boolean logged, boolean epochEnd) {
        return RunEvents.envelope(runId, step, new StepCompleted(step / 10.0, 0.5, step * 32, 32, loss, 0.5, 0.01,
                0.02, logged, epochEnd, List.of()));
    }

    private static String fixture(String name) {
        try (InputStream in = RuleSetsTopologyTest.class.getResourceAsStream("/trac/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cohort metric for the test: how many runs of the experiment the engine has seen. */
    static final class CohortSize implements TracMetricClass {
        @Override
        public String className() {
            return "CohortSize";
        }

        @Override
        public Optional<String> checkArguments(Map<String, Object> arguments) {
            return Optional.empty();
        }

        @Override
        public boolean cohort() {
            return true;
        }

        @Override
        public MetricFunction create(Map<String, Object> arguments) {
            return new MetricFunction() {
                @Override
                public JsonNode apply(JsonNode state, EventEnvelope event) {
                    return JsonNodeFactory.instance.nullNode();
                }

                @Override
                public MetricValue value(JsonNode state, MetricContext context) {
                    CohortView cohort = context.cohort().orElseThrow();
                    return MetricValue.of((long) cohort.runs().size());
                }
            };
        }
    }

}
