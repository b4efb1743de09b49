package io.coxswain.streams.rules.metrics;

import static io.coxswain.streams.rules.metrics.MetricEvents.evaluated;
import static io.coxswain.streams.rules.metrics.MetricEvents.finished;
import static io.coxswain.streams.rules.metrics.MetricEvents.paused;
import static io.coxswain.streams.rules.metrics.MetricEvents.saved;
import static io.coxswain.streams.rules.metrics.MetricEvents.started;
import static io.coxswain.streams.rules.metrics.MetricEvents.step;
import static io.coxswain.streams.rules.metrics.Triggers.triggersFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggersTest {

    @Test
    void loggedStepThatEndsAnEpochFiresStepEndThenLogThenEpochEnd() {
        assertEquals(List.of("on_step_end", "on_log", "on_epoch_end"), triggersFor(step(100, 1.0, 0.4, true, true)));
    }

    @Test
    void unloggedStepFiresOnlyStepEnd() {
        assertEquals(List.of("on_step_end"), triggersFor(step(7, 0.07, 0.4, false, false)));
    }

    @Test
    void unloggedStepThatEndsAnEpochSkipsOnLog() {
        assertEquals(List.of("on_step_end", "on_epoch_end"), triggersFor(step(100, 1.0, 0.4, false, true)));
    }

    @Test
    void loggedStepWithinAnEpochFiresStepEndThenLog() {
        assertEquals(List.of("on_step_end", "on_log"), triggersFor(step(10, 0.1, 0.4, true, false)));
    }

    @Test
    void lifecycleEventsFireTheirOneTrigger() {
        assertEquals(List.of("on_train_begin"), triggersFor(started(1000, 3)));
        assertEquals(List.of("on_evaluate"), triggersFor(evaluated(50, "eval_loss", 0.7)));
        assertEquals(List.of("on_save"), triggersFor(saved(50)));
        assertEquals(List.of("on_train_end"), triggersFor(finished(1000)));
    }

    @Test
    void eventsNoTrainerCallbackStandsForFireNothing() {
        assertEquals(List.of(), triggersFor(paused(30)));
    }
}
