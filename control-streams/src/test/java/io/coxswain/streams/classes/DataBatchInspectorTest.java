package io.coxswain.streams.classes;

import static io.coxswain.streams.classes.ClassEvents.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.BatchFlagged;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.classes.ClassEvents.Engine;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DataBatchInspector through the rule engine, and its values computed by hand. */
class DataBatchInspectorTest {

    private static String rules(String arguments, String rule, String operation) {
        return """
                controller_metrics:
                  - name: inspector
                    class: DataBatchInspector
                    arguments: %s
                controllers:
                  - name: c
                    triggers: [on_step_end]
                    rule: %s
                    operations: [%s]
                """.formatted(arguments, rule, operation);
    }

    private static MetricFunction inspector(Map<String, Object> arguments) {
        DataBatchInspector metric = new DataBatchInspector();
        assertThat(metric.checkArguments(arguments)).isEmpty();
        return metric.create(arguments);
    }

    private static Map<?, ?> valueAfter(Map<String, Object> arguments, List<EventEnvelope> events) {
        MetricFunction function = inspector(arguments);
        MetricValue value = ClassEvents.value(function, ClassEvents.fold(function, events));
        assertThat(value.available()).as(value.missing()).isTrue();
        return (Map<?, ?>) value.value();
    }

    private static long stepOf(ControlCommand command) {
        return command.source().evidence().get("step").asLong();
    }

    @Test
    void aBatchOverTheThresholdIsFlaggedWithItsSampleSpikes() {
        Engine engine = new Engine(rules("{threshold: 2.5}", "inspector[\"flagged\"]", "hfcontrols.should_save"));

        engine.feed(List.of(batch(1, 1.0, List.of(1.0, 1.0)),
                batch(2, 5.0, List.of(1.0, 1.0, 1.0, 10.0, 1.0, 12.0)),
                batch(3, 1.5, List.of(0.5, 9.0))));

        assertThat(engine.commands).extracting(DataBatchInspectorTest::stepOf).containsExactly(2L);
        assertThat(engine.commands.get(0).actions()).containsExactly(new Action.FireTrigger("checkpoint"));
        // median of the samples (1, 1, 1, 1, 10, 12) is 1: samples over 3 x 1 spike
        assertThat(Engine.evidence(engine.commands.get(0), "inspector").toString()).isEqualTo("{\"flagged\":true,"
                + "\"batch_loss\":5.0,\"limit\":2.5,\"spikes\":[3,5],\"spike_losses\":[10.0,12.0],\"spike_count\":2,"
                + "\"flagged_count\":1,\"recent\":[{\"step\":2,\"loss\":5.0,\"spikes\":[3,5]}]}");
    }

    @Test
    void theValueDescribesTheLatestBatchAndRemembersFlaggedOnes() {
        Map<?, ?> value = valueAfter(Map.of("threshold", 2.5), List.of(
                batch(1, 1.0, null),
                batch(2, 5.0, List.of(1.0, 1.0, 1.0, 10.0, 1.0, 12.0)),
                batch(3, 1.5, List.of(0.5, 9.0))));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("flagged", false);
        expected.put("batch_loss", 1.5);
        expected.put("limit", 2.5);
        expected.put("spikes", List.of());
        expected.put("spike_losses", List.of());
        expected.put("spike_count", 0L);
        expected.put("flagged_count", 1L);
        expected.put("recent", List.of(Map.of("step", 2L, "loss", 5.0, "spikes", List.of(3L, 5L))));
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void aFactorOfTheMovingMedianOfPrecedingBatchesIsTheLimit() {
        Engine engine = new Engine(rules("{factor: 2, median_window: 3}", "inspector[\"flagged\"]",
                "hfcontrols.should_training_stop"));

        // step 1 has no limit; step 4 sees median(9.0, 1.2, 0.8) = 1.2: limit 2.4
        engine.feed(List.of(batch(1, 9.0, null), batch(2, 1.2, null), batch(3, 0.8, null), batch(4, 3.0, null)));

        assertThat(engine.commands).extracting(DataBatchInspectorTest::stepOf).containsExactly(4L);
        JsonNode inspector = Engine.evidence(engine.commands.get(0), "inspector");
        assertThat(inspector.get("limit").asDouble()).isEqualTo(2.4);
    }

    @Test
    void theFirstBatchHasNoLimitInFactorMode() {
        Map<?, ?> value = valueAfter(Map.of("factor", 2.0), List.of(batch(1, 100.0, List.of(1.0))));

        assertThat(value.get("flagged")).isEqualTo(false);
        assertThat(value.containsKey("limit")).isTrue();
        assertThat(value.get("limit")).isNull();
    }

    @Test
    void theMedianWindowSlides() {
        // step 4 sees median(1.0, 1.2, 0.8) = 1.0, step 5 median(1.2, 0.8, 3.0) = 1.2
        List<EventEnvelope> events = new ArrayList<>(List.of(batch(1, 1.0, null), batch(2, 1.2, null),
                batch(3, 0.8, null), batch(4, 3.0, null)));
        Map<?, ?> atFour = valueAfter(Map.of("factor", 2L, "median_window", 3L), events);
        events.add(batch(5, 2.3, null));
        Map<?, ?> atFive = valueAfter(Map.of("factor", 2L, "median_window", 3L), events);

        assertThat(atFour.get("limit")).isEqualTo(2.0);
        assertThat(atFour.get("flagged")).isEqualTo(true);
        assertThat(atFive.get("limit")).isEqualTo(2.4);
        assertThat(atFive.get("flagged")).isEqualTo(false);
        assertThat(atFive.get("flagged_count")).isEqualTo(1L);
    }

    @Test
    void aFlaggedBatchWithoutSampleLossesSaysSo() {
        Map<?, ?> value = valueAfter(Map.of("threshold", 1L), List.of(batch(1, 2.0, null)));

        assertThat(value.get("flagged")).isEqualTo(true);
        assertThat(value.get("spikes")).isEqualTo(List.of());
        assertThat(value.get("sample_losses")).isEqualTo(false);
        assertThat(value.get("recent")).isEqualTo(List.of(Map.of("step", 1L, "loss", 2.0, "spikes", List.of(),
                "sample_losses", false)));
        assertThat(valueAfter(Map.of("threshold", 1L), List.of(batch(1, 2.0, List.of()))).get("sample_losses"))
                .isEqualTo(false);
        assertThat(valueAfter(Map.of("threshold", 5L), List.of(batch(1, 2.0, null))).containsKey("sample_losses"))
                .isFalse();
    }

    @Test
    void recentKeepsTheLastFlaggedBatchesAndTheCountGoesOn() {
        Map<?, ?> value = valueAfter(Map.of("threshold", 1L, "keep", 2L), List.of(
                batch(1, 2.0, null), batch(2, 0.5, null), batch(3, 3.0, null), batch(4, 4.0, null)));

        assertThat(value.get("flagged_count")).isEqualTo(3L);
        List<Object> steps = ((List<?>) value.get("recent")).stream().map(e -> ((Map<?, ?>) e).get("step"))
                .map(Object.class::cast).toList();
        assertThat(steps).containsExactly(3L, 4L);
    }

    @Test
    void keepZeroRemembersNoBatch() {
        Map<?, ?> value = valueAfter(Map.of("threshold", 1L, "keep", 0L), List.of(batch(1, 2.0, null)));

        assertThat(value.get("recent")).isEqualTo(List.of());
        assertThat(value.get("flagged_count")).isEqualTo(1L);
    }

    @Test
    void theStateIsBoundedByTheArguments() {
        MetricFunction function = inspector(Map.of("factor", 1.5, "median_window", 5L, "keep", 3L));
        List<EventEnvelope> events = new ArrayList<>();
        for (long s = 1; s <= 200; s++) {
            events.add(batch(s, s % 2 == 0 ? 10.0 : 1.0, IntStream.range(0, 500).mapToObj(i -> i % 3 == 0 ? 10.0 : 1.0).toList()));
        }

        JsonNode state = ClassEvents.fold(function, events);

        assertThat(state.get("h").size()).isEqualTo(5);
        assertThat(state.get("r").size()).isEqualTo(3);
        assertThat(state.get("b").get("spikes").size()).isEqualTo(DataBatchInspector.MAX_SPIKES);
        assertThat(state.get("b").get("spike_count").asInt()).isEqualTo(167);
        assertThat(state.get("n").asLong()).isEqualTo(100);
    }

    @Test
    void spikesFindSamplesOverTheFactorOfTheBatchMedian() {
        double[] losses = {0.2, Double.NaN, 0.3, 0.25, 2.0, Double.POSITIVE_INFINITY, 0.8};

        // finite: 0.2, 0.3, 0.25, 2.0, 0.8: median 0.3, limit 0.9
        DataBatchInspector.Spikes spikes = DataBatchInspector.spikes(losses, 3.0);

        assertThat(spikes.indexes()).containsExactly(4, 5);
        assertThat(spikes.count()).isEqualTo(2);
        assertThat(DataBatchInspector.spikes(new double[] {Double.NaN}, 3.0)).isEqualTo(
                DataBatchInspector.Spikes.NONE);
        assertThat(DataBatchInspector.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void aBatchKeepsAtMostMaxSpikesTheHighest() {
        int size = 1_000;
        double[] losses = new double[size];
        Arrays.fill(losses, 1.0);
        for (int i = 0; i < 300; i++) {
            losses[i * 3] = 10.0 + i;
        }

        DataBatchInspector.Spikes spikes = DataBatchInspector.spikes(losses, 3.0);

        assertThat(spikes.count()).isEqualTo(300);
        assertThat(spikes.indexes()).hasSize(DataBatchInspector.MAX_SPIKES).isSorted()
                .isEqualTo(IntStream.range(200, 300).map(i -> i * 3).boxed().toList());
    }

    @Test
    void aNanLossIsNotFlaggedAndStaysOutOfTheMedian() {
        Map<?, ?> value = valueAfter(Map.of("factor", 2L, "median_window", 2L), List.of(
                batch(1, 1.0, null), batch(2, Double.NaN, null), batch(3, 1.0, null), batch(4, 2.5, null)));

        assertThat(value.get("limit")).isEqualTo(2.0);
        assertThat(value.get("flagged_count")).isEqualTo(1L);
    }

    @Test
    void isMissingBeforeTheFirstStep() {
        MetricFunction function = inspector(Map.of("threshold", 1L));

        MetricValue value = ClassEvents.value(function, function.apply(null, RunEvents.started(ClassEvents.RUN)));

        assertThat(value.missing()).isEqualTo("no StepCompleted yet");
    }

    @Test
    void spikesCanBeLoggedWithLogControl() {
        Engine engine = new Engine("""
                controller_metrics:
                  - name: inspector
                    class: DataBatchInspector
                    arguments: {threshold: 2.5, sample_factor: 2}
                operations:
                  - name: log
                    class: LogControl
                    arguments:
                      log_format: "step {step}: batch loss {inspector[batch_loss]}, samples {inspector[spikes]}"
                controllers:
                  - name: c
                    triggers: [on_step_end]
                    rule: inspector["flagged"] and len(inspector["spikes"]) > 0
                    operations: [log.log]
                """);

        engine.feed(List.of(batch(1, 1.0, null), batch(2, 3.0, List.of(1.0, 2.5, 1.0))));

        assertThat(engine.events).extracting(e -> e.event()).containsExactly(
                new BatchFlagged("test", "inspector", 3.0, 2.5, List.of(1), List.of(2.5), 1, true),
                new ControlLogged("test", "c", "on_step_end", "info", "step 2: batch loss 3.0, samples [1]"));
    }
}
