package io.coxswain.streams.classes;

import static io.coxswain.streams.classes.ClassEvents.evaluated;
import static io.coxswain.streams.classes.ClassEvents.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.classes.ClassEvents.Engine;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** WindowedMetric through the rule engine, and its values computed by hand. */
class WindowedMetricTest {

    private static String rules(String arguments, String trigger, String rule, String operation) {
        return """
                controller_metrics:
                  - name: w
                    class: WindowedMetric
                    arguments: %s
                controllers:
                  - name: c
                    triggers: [%s]
                    rule: %s
                    operations: [%s]
                """.formatted(arguments, trigger, rule, operation);
    }

    private static MetricFunction window(Map<String, Object> arguments) {
        WindowedMetric metric = new WindowedMetric();
        assertThat(metric.checkArguments(arguments)).isEmpty();
        return metric.create(arguments);
    }

    private static Map<?, ?> valueAfter(Map<String, Object> arguments, List<EventEnvelope> events) {
        MetricFunction function = window(arguments);
        MetricValue value = ClassEvents.value(function, ClassEvents.fold(function, events));
        assertThat(value.available()).as(value.missing()).isTrue();
        return (Map<?, ?>) value.value();
    }

    private static long stepOf(ControlCommand command) {
        return command.source().evidence().get("step").asLong();
    }

    @Test
    void aRisingSlopeOverFiveStepsStopsTheRun() {
        Engine engine = new Engine(rules("{source: loss, window: 5}", "on_step_end",
                "w[\"slope\"] is not None and w[\"slope\"] > 0", "hfcontrols.should_training_stop"));

        // falls by 0.5 a step to 5.0 at step 10, then rises by 1.0 a step
        engine.feed(LongStream.rangeClosed(1, 15).mapToObj(s -> step(s, s <= 10 ? 10 - 0.5 * s : 5 + (s - 10)))
                .toList());

        assertThat(engine.commands).hasSize(1);
        ControlCommand stop = engine.commands.get(0);
        assertThat(stepOf(stop)).isEqualTo(12);
        assertThat(stop.actions()).containsExactly(new Action.FireTrigger("stop"));
        // steps 8..12: 6, 5.5, 5, 6, 7; mean 5.9; sum dx*dy = 2.5, sum dx^2 = 10
        JsonNode w = Engine.evidence(stop, "w");
        assertThat(w.get("slope").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(w.get("count").asLong()).isEqualTo(5);
        assertThat(w.get("span").asDouble()).isEqualTo(4.0);
    }

    @Test
    void theValueIsTheWindowSummedUpByHand() {
        Engine engine = new Engine(rules("{source: loss, window: 3}", "on_step_end", "w[\"count\"] >= 3",
                "hfcontrols.should_log"));

        engine.feed(List.of(step(1, 1.0), step(2, 3.0), step(3, 2.0), step(4, 6.0)));

        assertThat(engine.commands).extracting(WindowedMetricTest::stepOf).containsExactly(3L, 4L);
        // steps 2..4: 3, 2, 6; mean 11/3; dx = -1, 0, 1 so slope = (6 - 3) / 2
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("mean", 11.0 / 3);
        expected.put("min", 2.0);
        expected.put("max", 6.0);
        expected.put("slope", 1.5);
        expected.put("first", 3.0);
        expected.put("last", 6.0);
        expected.put("count", 3L);
        expected.put("span", 2.0);
        assertThat(valueAfter(Map.of("source", "loss", "window", 3L),
                List.of(step(1, 1.0), step(2, 3.0), step(3, 2.0), step(4, 6.0)))).isEqualTo(expected);
        assertThat(Engine.evidence(engine.commands.get(1), "w").toString()).isEqualTo(
                "{\"mean\":" + 11.0 / 3 + ",\"min\":2.0,\"max\":6.0,\"slope\":1.5,\"first\":3.0,\"last\":6.0,"
                        + "\"count\":3,\"span\":2.0}");
    }

    @Test
    void aSlopeOfFourPointsByHand() {
        // steps 1..4: 1, 3, 2, 6; mean x 2.5, mean y 3; sum dx*dy = 3 + 0 - 0.5 + 4.5 = 7; sum dx^2 = 5
        Map<?, ?> w = valueAfter(Map.of("source", "loss", "window", 10L),
                List.of(step(1, 1.0), step(2, 3.0), step(3, 2.0), step(4, 6.0)));

        assertThat((Double) w.get("slope")).isCloseTo(1.4, within(1e-12));
        assertThat(w.get("mean")).isEqualTo(3.0);
        assertThat(w.get("span")).isEqualTo(3.0);
    }

    @Test
    void aSecondsWindowPlacesPointsByEventTime() {
        String yaml = rules("{source: loss, window: 30, unit: seconds}", "on_step_end",
                "w[\"span\"] >= 20 and w[\"count\"] <= 5", "hfcontrols.should_training_stop");
        List<EventEnvelope> slow = new ArrayList<>();
        List<EventEnvelope> fast = new ArrayList<>();
        for (long s = 1; s <= 25; s++) {
            slow.add(step(s, RunEvents.T0.plusSeconds(10 * s), s / 100.0, 1.0, true, null));
            fast.add(step(s, RunEvents.T0.plusSeconds(s), s / 100.0, 1.0, true, null));
        }

        Engine slowRun = new Engine(yaml).feed(slow);
        Engine fastRun = new Engine(yaml).feed(fast);

        assertThat(slowRun.commands).extracting(WindowedMetricTest::stepOf).containsExactly(3L);
        JsonNode w = Engine.evidence(slowRun.commands.get(0), "w");
        assertThat(w.get("count").asLong()).isEqualTo(3);
        assertThat(w.get("span").asDouble()).isEqualTo(20.0);
        assertThat(fastRun.commands).isEmpty();
    }

    @Test
    void aSecondsWindowDropsPointsOlderThanTheWindowAndMeasuresSlopePerSecond() {
        List<EventEnvelope> events = List.of(
                step(1, RunEvents.T0, 0.01, 4.0, true, null),
                step(2, RunEvents.T0.plusMillis(10_500), 0.02, 3.0, true, null),
                step(3, RunEvents.T0.plusSeconds(20), 0.03, 2.0, true, null),
                step(4, RunEvents.T0.plusSeconds(41), 0.04, 1.0, true, null));

        Map<?, ?> w = valueAfter(Map.of("source", "loss", "window", 30L, "unit", "seconds"), events);

        // 41 - 10.5 = 30.5 >= 30: only the steps at 20 s and 41 s remain; slope (1 - 2) / 21 per second
        assertThat(w.get("count")).isEqualTo(2L);
        assertThat(w.get("span")).isEqualTo(21.0);
        assertThat((Double) w.get("slope")).isCloseTo(-1.0 / 21, within(1e-12));
    }

    @Test
    void anEpochsWindowOfEvaluationsStopsWhenEvalLossTurnsUp() {
        Engine engine = new Engine(rules("{source: \"eval:eval_loss\", window: 2, unit: epochs}", "on_evaluate",
                "w[\"slope\"] is not None and w[\"slope\"] > 0", "hfcontrols.should_training_stop"));
        double[] evalLoss = {0.9, 0.8, 0.75, 0.85, 0.95};
        for (int epoch = 1; epoch <= evalLoss.length; epoch++) {
            for (long s = (epoch - 1) * 10L + 1; s <= epoch * 10L; s++) {
                engine.feed(step(s, RunEvents.timeOf(s), s / 10.0, 1.0, false, null));
            }
            engine.feed(evaluated(epoch * 10L, "eval_loss", evalLoss[epoch - 1]));
        }

        assertThat(engine.commands).extracting(WindowedMetricTest::stepOf).containsExactly(40L);
        JsonNode w = Engine.evidence(engine.commands.get(0), "w");
        // epochs 3 and 4 (4 - 2 = 2 is outside the window); slope per epoch
        assertThat(w.get("count").asLong()).isEqualTo(2);
        assertThat(w.get("span").asDouble()).isEqualTo(1.0);
        assertThat(w.get("first").asDouble()).isEqualTo(0.75);
        assertThat(w.get("slope").asDouble()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void anEpochsWindowOfStepsUsesTheirFractionalEpoch() {
        List<EventEnvelope> events = LongStream.rangeClosed(1, 40)
                .mapToObj(s -> step(s, RunEvents.timeOf(s), s / 20.0, 10.0 - s / 10.0, true, null)).toList();

        Map<?, ?> w = valueAfter(Map.of("source", "loss", "window", 0.5, "unit", "epochs"), events);

        // epoch 2.0 at step 40: steps with epoch > 1.5 are 31..40; the loss falls 0.1 a step, 2.0 an epoch
        assertThat(w.get("count")).isEqualTo(10L);
        assertThat((Double) w.get("span")).isCloseTo(0.45, within(1e-12));
        assertThat((Double) w.get("slope")).isCloseTo(-2.0, within(1e-9));
    }

    @Test
    void isMissingUntilTheFirstPointAndTheRuleIsSkipped() {
        Engine engine = new Engine(rules("{source: \"eval:eval_loss\", window: 3}", "on_step_end",
                "w[\"mean\"] > 1", "hfcontrols.should_training_stop"));

        engine.feed(List.of(step(1, 5.0), step(2, 5.0)));

        assertThat(engine.commands).isEmpty();
        assertThat(engine.events).extracting(e -> e.event()).containsExactly(new RuleSkipped("test", "c",
                "on_step_end", "w", "no EvalCompleted with metric 'eval_loss' yet"));
    }

    @Test
    void loggedLossTakesOnlyLoggedSteps() {
        Map<?, ?> w = valueAfter(Map.of("source", "logged_loss", "window", 100L), List.of(
                step(1, RunEvents.timeOf(1), 0.0, 4.0, true, null),
                step(2, RunEvents.timeOf(2), 0.0, 9.0, false, null),
                step(3, RunEvents.timeOf(3), 0.0, 2.0, true, null)));

        assertThat(w.get("count")).isEqualTo(2L);
        assertThat(w.get("mean")).isEqualTo(3.0);
        assertThat(w.get("max")).isEqualTo(4.0);
    }

    @Test
    void stepFieldsCanBeTheSource() {
        List<EventEnvelope> events = List.of(step(1, 1.0), step(2, 1.0));

        assertThat(valueAfter(Map.of("source", "batch_size", "window", 5L), events).get("mean")).isEqualTo(8.0);
        assertThat(valueAfter(Map.of("source", "grad_norm", "window", 5L), events).get("last")).isEqualTo(0.5);
        assertThat(valueAfter(Map.of("source", "learning_rate", "window", 5L), events).get("min")).isEqualTo(0.01);
        assertThat(valueAfter(Map.of("source", "step_seconds", "window", 5L), events).get("max")).isEqualTo(0.2);
    }

    @Test
    void nonFiniteValuesAreNotPoints() {
        Map<?, ?> w = valueAfter(Map.of("source", "loss", "window", 10L),
                List.of(step(1, 2.0), step(2, Double.NaN), step(3, Double.POSITIVE_INFINITY), step(4, 4.0)));

        assertThat(w.get("count")).isEqualTo(2L);
        assertThat(w.get("mean")).isEqualTo(3.0);
    }

    @Test
    void aResumedRunDropsThePointsAfterItsStepAndARedeliveredStepReplacesItsPoint() {
        Map<?, ?> w = valueAfter(Map.of("source", "loss", "window", 10L), List.of(
                step(1, 1.0), step(2, 2.0), step(3, 3.0), step(4, 4.0), step(5, 5.0),
                step(3, 30.0), step(3, 33.0), step(4, 44.0)));

        assertThat(w.get("count")).isEqualTo(4L);
        assertThat(w.get("first")).isEqualTo(1.0);
        assertThat(w.get("max")).isEqualTo(44.0);
        assertThat(w.get("mean")).isEqualTo((1 + 2 + 33 + 44) / 4.0);
    }

    @Test
    void theStateKeepsOnlyTheWindowsPointsAsParallelArrays() {
        MetricFunction function = window(Map.of("source", "loss", "window", 3L));

        JsonNode state = ClassEvents.fold(function, LongStream.rangeClosed(1, 100).mapToObj(s -> step(s, s))
                .toList());

        assertThat(state.toString()).isEqualTo("{\"x\":[98.0,99.0,100.0],\"y\":[98.0,99.0,100.0]}");
    }

    @Test
    void theStateHoldsAtMostMaxPoints() {
        MetricFunction function = window(Map.of("source", "loss", "window", 1e9));
        ObjectNode full = JsonNodeFactory.instance.objectNode();
        ArrayNode x = full.putArray("x");
        ArrayNode y = full.putArray("y");
        for (int s = 1; s <= WindowedMetric.MAX_POINTS; s++) {
            x.add((double) s);
            y.add((double) s);
        }

        JsonNode state = full;
        for (long s = WindowedMetric.MAX_POINTS + 1; s <= WindowedMetric.MAX_POINTS + 50; s++) {
            state = function.apply(state, step(s, s));
        }

        assertThat(state.get("x").size()).isEqualTo(WindowedMetric.MAX_POINTS);
        Map<?, ?> w = (Map<?, ?>) ClassEvents.value(function, state).value();
        assertThat(w.get("first")).isEqualTo(51.0);
        assertThat(w.get("last")).isEqualTo(WindowedMetric.MAX_POINTS + 50.0);
        assertThat(w.get("span")).isEqualTo(WindowedMetric.MAX_POINTS - 1.0);
    }

    @Test
    void eventsWithoutAPointLeaveTheStateAsItIs() {
        MetricFunction function = window(Map.of("source", "loss", "window", 3L));
        JsonNode state = ClassEvents.fold(function, List.of(step(1, 1.0)));

        assertThat(function.apply(state, evaluated(1, "eval_loss", 0.5))).isSameAs(state);
        assertThat(function.apply(null, RunEvents.started(ClassEvents.RUN)).toString())
                .isEqualTo("{\"x\":[],\"y\":[]}");
    }
}
