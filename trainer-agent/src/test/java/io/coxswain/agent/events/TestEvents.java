package io.coxswain.agent.events;

import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events and envelopes for sink and spool tests. */
public final class TestEvents {
    public static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");

    private TestEvents() {
    }

    public static RunStarted started() {
        return new RunStarted(Json.mapper().createObjectNode().put("runId", "r"), 7, "mlp-blobs", 1000, List.of(),
                0.5);
    }

    public static StepCompleted step(long step) {
        return new StepCompleted(step / 100.0, 0.5, step * 32, 32, 1.0 / step, 0.1, 0.001, 0.01, false, false, null);
    }

    public static CommandRejected rejected(String commandId) {
        return new CommandRejected(commandId, "learning_rate must be a finite number", CommandSource.user("t"));
    }

    public static RunFinished finished() {
        return new RunFinished(RunFinished.COMPLETED, "done");
    }

    public static EventEnvelope envelope(String runId, long seq, RunEvent event) {
        return new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "default", seq, seq, TIME),
                event);
    }
}
