package io.coxswain.streams.rules.metrics;

import static io.coxswain.streams.rules.metrics.MetricEvents.evaluated;
import static io.coxswain.streams.rules.metrics.MetricEvents.finished;
import static io.coxswain.streams.rules.metrics.MetricEvents.logged;
import static io.coxswain.streams.rules.metrics.MetricEvents.paused;
import static io.coxswain.streams.rules.metrics.MetricEvents.replay;
import static io.coxswain.streams.rules.metrics.MetricEvents.started;
import static io.coxswain.streams.rules.metrics.MetricEvents.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coxswain.protocol.codec.Json;
import io.coxswain.streams.rules.metrics.MetricSpec.EvalMetrics;
import io.coxswain.streams.rules.metrics.MetricSpec.HistoryBasedMetric;
import io.coxswain.streams.rules.metrics.MetricSpec.Loss;
import io.coxswain.streams.rules.metrics.MetricSpec.PerProcessState;
import io.coxswain.streams.rules.metrics.MetricSpec.Source;
import io.coxswain.streams.rules.metrics.MetricSpec.TrainingState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
    private static final RunMetrics FRESH = RunMetrics.initial(3);

    @Test
    void trainingStateAfterALoggedStepShowsTheStepThePlanAndTheConfig() {
        RunMetrics given = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9)));

        RunMetrics after = given.apply(step(11, 1.1, 0.8, false, false));

        assertEquals(Optional.of(Map.of("global_step", 11L, "epoch", 1.1, "max_steps", 1000L,
                "num_train_epochs", 3L, "train_batch_size", 16L, "learning_rate", 0.001, "total_flos", 0.0,
                "is_local_process_zero", true, "is_world_process_zero", true, "is_final", false)),
                after.value(new TrainingState()));
    }

    @Test
    void trainingStateBeforeAnyStepLeavesOutWhatIsNotKnownYet() {
        assertEquals(Optional.of(Map.of("global_step", 0L, "epoch", 0.0, "max_steps", 1000L,
                "num_train_epochs", 3L, "total_flos", 0.0, "is_local_process_zero", true,
                "is_world_process_zero", true, "is_final", false)),
                FRESH.apply(started(1000, 3)).value(new TrainingState()));
    }

    @Test
    void trainingStateIsFinalOnceTheRunFinished() {
        RunMetrics after = replay(FRESH, List.of(started(20, 1), logged(20, 0.5))).apply(finished(20));

        assertEquals(Optional.of(Map.of("global_step", 20L, "epoch", 2.0, "max_steps", 20L,
                "num_train_epochs", 1L, "train_batch_size", 16L, "learning_rate", 0.001, "total_flos", 0.0,
                "is_local_process_zero", true, "is_world_process_zero", true, "is_final", true)),
                after.value(new TrainingState()));
    }

    @Test
    void lossIsNotAvailableBeforeTheFirstLoggedStep() {
        RunMetrics after = replay(FRESH, List.of(started(1000, 3), step(1, 0.1, 0.9, false, false)));

        assertEquals(Optional.empty(), after.value(new Loss()));
    }

    @Test
    void lossIsTheLatestLoggedStepNotTheLatestStep() {
        RunMetrics given = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9)));

        RunMetrics after = given.apply(step(11, 1.1, 0.1, false, false));

        assertEquals(Optional.of(Map.of("loss", 0.9, "epoch", 1.0, "step", 10L)), after.value(new Loss()));
    }

    @Test
    void nonFiniteLossesArePassedAsNaNAndInfinity() {
        RunMetrics nan = FRESH.apply(logged(10, Double.NaN));
        RunMetrics inf = nan.apply(logged(20, Double.POSITIVE_INFINITY));

        assertEquals(Optional.of(Map.of("loss", Double.NaN, "epoch", 1.0, "step", 10L)), nan.value(new Loss()));
        assertEquals(Optional.of(Map.of("training_loss", Map.of("loss", List.of(Double.NaN, Double.POSITIVE_INFINITY),
                        "steps", List.of(10L, 20L), "epoch", List.of(1.0, 2.0)),
                        "metrics", Map.of("steps", List.of(), "epoch", List.of()), "window_size", 3L)),
                inf.value(new HistoryBasedMetric(3)));
    }

    @Test
    void evalMetricsAreTheLatestEvaluationWithItsEpochAndStep() {
        RunMetrics given = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9),
                evaluated(10, "eval_loss", 0.8), logged(20, 0.7)));

        RunMetrics after = given.apply(evaluated(20, "eval_loss", 0.6, "eval_accuracy", 0.75));

        assertEquals(Optional.of(Map.of("eval_loss", 0.6, "eval_accuracy", 0.75, "epoch", 2.0, "step", 20L)),
                after.value(new EvalMetrics(Source.ON_EVALUATE)));
    }

    @Test
    void evalMetricsAreNotAvailableBeforeAnEvaluationNorEverOnPredict() {
        RunMetrics after = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9)));

        assertEquals(Optional.empty(), after.value(new EvalMetrics(Source.ON_EVALUATE)));
        assertEquals(Optional.empty(), after.apply(evaluated(10, "eval_loss", 0.8))
                .value(new EvalMetrics(Source.ON_PREDICT)));
    }

    @Test
    void historyHoldsLoggedLossesAndEvaluationsOfTheWindow() {
        RunMetrics given = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9), step(11, 1.1, 5.0, false, false),
                evaluated(11, "eval_loss", 0.85), logged(20, 0.7)));

        RunMetrics after = given.apply(evaluated(20, "eval_loss", 0.65));

        assertEquals(Optional.of(Map.of(
                "training_loss", Map.of("loss", List.of(0.9, 0.7), "steps", List.of(10L, 20L),
                        "epoch", List.of(1.0, 2.0)),
                "metrics", Map.of("eval_loss", List.of(0.85, 0.65), "steps", List.of(11L, 20L),
                        "epoch", List.of(1.1, 2.0)),
                "window_size", 3L)), after.value(new HistoryBasedMetric(3)));
    }

    @Test
    void historyDropsTheOldestBeyondTheWindow() {
        RunMetrics given = replay(FRESH, List.of(logged(10, 0.9), logged(20, 0.8), logged(30, 0.7)));

        RunMetrics after = given.apply(logged(40, 0.6));

        assertEquals(Optional.of(Map.of(
                "training_loss", Map.of("loss", List.of(0.8, 0.7, 0.6), "steps", List.of(20L, 30L, 40L),
                        "epoch", List.of(2.0, 3.0, 4.0)),
                "metrics", Map.of("steps", List.of(), "epoch", List.of()),
                "window_size", 3L)), after.value(new HistoryBasedMetric(3)));
        assertEquals(Optional.of(Map.of(
                "training_loss", Map.of("loss", List.of(0.6), "steps", List.of(40L), "epoch", List.of(4.0)),
                "metrics", Map.of("steps", List.of(), "epoch", List.of()),
                "window_size", 1L)), after.value(new HistoryBasedMetric(1)));
    }

    @Test
    void evaluationsWithDifferentKeysLineUpWithNulls() {
        RunMetrics after = replay(FRESH, List.of(evaluated(10, "eval_loss", 0.8),
                evaluated(20, "eval_accuracy", 0.5, "eval_loss", 0.7)));

        Map<String, Object> metrics = ((Map<String, Map<String, Object>>) after.value(new HistoryBasedMetric(2))
                .orElseThrow()).get("metrics");
        assertEquals(Map.of("eval_loss", List.of(0.8, 0.7), "eval_accuracy", java.util.Arrays.asList(null, 0.5),
                "steps", List.of(10L, 20L), "epoch", List.of(0.0, 0.0)), metrics);
        assertEquals(List.of("eval_loss", "eval_accuracy", "steps", "epoch"), List.copyOf(metrics.keySet()));
    }

    @Test
    void unboundedWindowKeepsEverythingUpToTheCap() {
        RunMetrics given = RunMetrics.initial(MetricSpec.historyCapacity(List.of(new HistoryBasedMetric(-1))));

        RunMetrics after = replay(given, List.of(logged(10, 0.9), logged(20, 0.8), logged(30, 0.7)));

        assertEquals(MetricSpec.MAX_WINDOW, given.historyCapacity());
        assertEquals(Optional.of(Map.of(
                "training_loss", Map.of("loss", List.of(0.9, 0.8, 0.7), "steps", List.of(10L, 20L, 30L),
                        "epoch", List.of(1.0, 2.0, 3.0)),
                "metrics", Map.of("steps", List.of(), "epoch", List.of()),
                "window_size", -1L)), after.value(new HistoryBasedMetric(-1)));
    }

    @Test
    void historyCapacityIsTheLargestWindowAskedFor() {
        assertEquals(5, MetricSpec.historyCapacity(List.of(new Loss(), new HistoryBasedMetric(2),
                new HistoryBasedMetric(5))));
        assertEquals(0, MetricSpec.historyCapacity(List.of(new TrainingState())));
        assertEquals(MetricSpec.MAX_WINDOW, MetricSpec.historyCapacity(List.of(new HistoryBasedMetric(1_000_000))));
    }

    @Test
    void rejectsAWindowLargerThanTheStateKeeps() {
        assertThrows(IllegalArgumentException.class, () -> FRESH.value(new HistoryBasedMetric(4)));
        assertThrows(IllegalArgumentException.class, () -> FRESH.value(new HistoryBasedMetric(-1)));
        assertThrows(IllegalArgumentException.class, () -> new HistoryBasedMetric(0));
    }

    @Test
    void perProcessStateIsRankZero() {
        assertEquals(Optional.of(Map.of("rank", 0L)), FRESH.value(new PerProcessState()));
    }

    @Test
    void eventsWithoutMetricsLeaveTheStateAsItIs() {
        RunMetrics given = replay(FRESH, List.of(started(1000, 3), logged(10, 0.9)));

        assertSame(given, given.apply(paused(10)));
    }

    @Test
    void roundTripsThroughJsonIncludingNonFiniteLosses() throws Exception {
        RunMetrics state = replay(FRESH, List.of(started(1000, 3), logged(10, Double.NaN),
                logged(20, Double.NEGATIVE_INFINITY), evaluated(20, "eval_loss", 0.7, "eval_accuracy", Double.NaN),
                step(21, 2.1, 0.5, false, false), finished(21)));

        String json = Json.mapper().writeValueAsString(state);

        assertEquals(state, Json.mapper().readValue(json, RunMetrics.class));
    }
}
