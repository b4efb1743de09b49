package io.coxswain.streams;

import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import java.util.stream.LongStream;

/** Run events as a trainer agent sends them, for tests: step n happens at {@link #timeOf(long)}, seq n + 1. */
public final class RunEvents {
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    public static final String EXPERIMENT = "exp-1";

    private RunEvents() {
    }

    public static Instant timeOf(long step) {
        return T0.plusSeconds(step);
    }

    public static EventEnvelope started(String runId) {
        return envelope(runId, 0, new RunStarted(Json.mapper().createObjectNode().put("lr", 0.01), 42, "mlp",
                1_000, List.of(), 3.5));
    }

    public static EventEnvelope step(String runId, long step, double loss) {
        return envelope(runId, step, new StepCompleted(step / 100.0, (step % 100) / 100.0, step * 32, 32, loss,
                0.5, 0.01, 0.02, true, step % 100 == 0, List.of()));
    }

    /** StepCompleted events for steps {@code from..to}, both included, with {@code loss} of the step. */
    public static List<EventEnvelope> steps(String runId, long from, long to, LongToDoubleFunction loss) {
        return LongStream.rangeClosed(from, to).mapToObj(s -> step(runId, s, loss.applyAsDouble(s))).toList();
    }

    public static EventEnvelope evaluated(String runId, long step) {
        return envelope(runId, step, new EvalCompleted(Map.of("eval_loss", 0.7)));
    }

    public static EventEnvelope finished(String runId, long step) {
        return envelope(runId, step, new RunFinished(RunFinished.COMPLETED, "planned steps done"));
    }

    public static EventEnvelope envelope(String runId, long step, RunEvent event) {
        return new EventEnvelope(new EventHeader("ev-" + runId + "-" + step + "-" + event.typeName(), runId,
                EXPERIMENT, step + 1, step, timeOf(step)), event);
    }
}
