package io.coxswain.streams.rules.metrics;

import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.streams.RunEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events of run "r" for the metric tests, with the fields the metrics read spelled out. */
final class MetricEvents {
    static final String RUN = "r";

    private MetricEvents() {
    }

    static EventEnvelope started(long plannedSteps, int numTrainEpochs) {
        return RunEvents.envelope(RUN, 0, new RunStarted(Json.mapper().createObjectNode()
                .put("num_train_epochs", numTrainEpochs), 42, "mlp", plannedSteps, List.of(), 1.0));
    }

    static EventEnvelope step(long step, double epoch, double loss, boolean logged, boolean epochEnd) {
        return RunEvents.envelope(RUN, step, new StepCompleted(epoch, epoch % 1, step * 16, 16, loss, 0.5, 0.001,
                0.02, logged, epochEnd, null));
    }

    static EventEnvelope logged(long step, double loss) {
        return step(step, step / 10.0, loss, true, false);
    }

    static EventEnvelope evaluated(long step, Object... namesAndValues) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            metrics.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return RunEvents.envelope(RUN, step, new EvalCompleted(metrics));
    }

    static EventEnvelope saved(long step) {
        return RunEvents.envelope(RUN, step, new CheckpointSaved("ckpt/" + step, 1024, false));
    }

    static EventEnvelope finished(long step) {
        return RunEvents.envelope(RUN, step, new RunFinished(RunFinished.COMPLETED, null));
    }

    static EventEnvelope paused(long step) {
        return RunEvents.envelope(RUN, step, new RunPaused("cmd-1", null));
    }

    static RunMetrics replay(RunMetrics state, List<EventEnvelope> events) {
        RunMetrics next = state;
        for (EventEnvelope e : events) {
            next = next.apply(e);
        }
        return next;
    }
}
