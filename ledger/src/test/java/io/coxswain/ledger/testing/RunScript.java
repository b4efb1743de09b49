package io.coxswain.ledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes the events one run's agent would publish, with a gapless seq and one second between events. */
public final class RunScript {
    public static final Instant BASE_TIME = Instant.parse("2026-11-22T10:00:00Z");
    public static final String EXPERIMENT = "exp-ledger";
    public static final String WORKLOAD = "mnist-mlp";
    public static final long SEED = 7;
    public static final long PLANNED_STEPS = 1000;
    public static final double LEARNING_RATE = 0.01;

    private final String runId;
    private final Instant start;
    private long seq;

    public RunScript(String runId) {
        this(runId, BASE_TIME);
    }

    public RunScript(String runId, Instant start) {
        this.runId = runId;
        this.start = start;
    }

    public String runId() {
        return runId;
    }

    /** A run id no other test uses. */
    public static String uniqueRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ObjectNode config() {
        return Json.mapper().createObjectNode().put("layers", 2).put("optimizer", "adam").put("batch_size", 32);
    }

    /** The time of the event with this seq. */
    public Instant timeOf(long eventSeq) {
        return start.plusSeconds(eventSeq);
    }

    public EventEnvelope started() {
        ParameterSpec lr = new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(LEARNING_RATE),
                "optimizer learning rate");
        return next(0, new RunStarted(config(), SEED, WORKLOAD, PLANNED_STEPS, List.of(lr), 12.5));
    }

    public EventEnvelope step(long step, double loss, double learningRate, int batchSize) {
        return next(step, new StepCompleted(step * 0.01, 0.5, step * batchSize, batchSize, loss, 1.5, learningRate,
                0.2, true, false, null));
    }

    public EventEnvelope parameterChanged(long step, String commandId, String param, JsonNode oldValue,
                                          JsonNode newValue, CommandSource source) {
        return next(step, new ParameterChanged(commandId, param, oldValue, newValue, source));
    }

    public EventEnvelope finished(long step, String reason, String detail) {
        return next(step, new RunFinished(reason, detail));
    }

    public EventEnvelope checkpoint(long step, boolean isFinal) {
        return next(step, new CheckpointSaved("/ckpt/" + runId + "/step-" + step + ".zip", 4096, isFinal));
    }

    public EventEnvelope evaluated(long step, double evalLoss) {
        return next(step, new EvalCompleted(Map.of("eval_loss", evalLoss)));
    }

    private EventEnvelope next(long step, RunEvent event) {
        seq++;
        return new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, EXPERIMENT, seq, step,
                timeOf(seq)), event);
    }
}
