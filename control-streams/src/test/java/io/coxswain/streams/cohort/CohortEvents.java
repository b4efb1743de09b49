package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of several runs of experiment {@code exp-1}, for cohort tests; every step is logged. */
final class CohortEvents {
    static final String EXPERIMENT = "exp-1";
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private CohortEvents() {
    }

    /** A fresh start declaring the float parameter {@code learning_rate} and the int parameter {@code batch_size}. */
    static EventEnvelope started(String runId, double learningRate) {
        var nodes = JsonNodeFactory.instance;
        List<ParameterSpec> parameters = List.of(
                new ParameterSpec("learning_rate", "float", 0.0, 1.0, true, nodes.numberNode(learningRate), "lr"),
                new ParameterSpec("batch_size", "int", 1.0, 1024.0, false, nodes.numberNode(32), "batch"));
        return envelope(runId, 0, new RunStarted(nodes.objectNode(), 7, "mlp", 1_000, parameters, 1.0));
    }

    static EventEnvelope step(String runId, long step, double loss) {
        return envelope(runId, step, new StepCompleted(step / 100.0, 0.5, step * 32, 32, loss, 0.5, 0.01, 0.02,
                true, false, null));
    }

    static EventEnvelope eval(String runId, long step, double evalLoss) {
        return envelope(runId, step, new EvalCompleted(Map.of("eval_loss", evalLoss)));
    }

    static EventEnvelope checkpoint(String runId, long step) {
        return envelope(runId, step, new CheckpointSaved(path(runId, step), 1_000, false));
    }

    static String path(String runId, long step) {
        return "/ckpt/" + runId + "/step-" + step;
    }

    static EventEnvelope envelope(String runId, long step, RunEvent event) {
        return new EventEnvelope(new EventHeader("ev-" + runId + "-" + step + "-" + event.typeName(), runId,
                EXPERIMENT, step + 1, step, T0.plusSeconds(step)), event);
    }
}
