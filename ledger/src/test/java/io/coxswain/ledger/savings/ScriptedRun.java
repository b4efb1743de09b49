package io.coxswain.ledger.savings;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events an agent would publish for one run, written step by step, with a gapless seq. */
final class ScriptedRun {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final String runId;
    private final String experimentId;
    private final List<EventEnvelope> events = new ArrayList<>();

    ScriptedRun(String runId, String experimentId) {
        this.runId = runId;
        this.experimentId = experimentId;
    }

    List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    static ObjectNode config(String key, double value, String wattsKey, double watts) {
        return Json.mapper().createObjectNode().put(key, value).put(wattsKey, watts);
    }

    ScriptedRun started(ObjectNode config, long plannedSteps, double restartCost, Long resumedFrom) {
        return add(resumedFrom == null ? 0 : resumedFrom, new RunStarted(config, 7, "mlp", plannedSteps, List.of(),
                restartCost, resumedFrom, resumedFrom == null ? null : "/ckpt/" + runId + "/step-" + resumedFrom));
    }

    /** A step of {@code seconds}, at {@code epoch} and {@code coverage}, with energy when {@code source} is given. */
    ScriptedRun step(long step, double epoch, double coverage, long seen, long dropped, int batch, double seconds,
                     Double joules, String source) {
        return add(step, new StepCompleted(epoch, coverage, seen, batch, 1.0, 0.5, 0.01, seconds, true,
                coverage == 1.0, null, dropped, null, null, joules, source));
    }

    ScriptedRun checkpoint(long step, long bytes, boolean isFinal) {
        return add(step, new CheckpointSaved("/ckpt/" + runId + "/step-" + step, bytes, isFinal));
    }

    ScriptedRun changed(long step, String commandId, String param, double from, double to, CommandSource source) {
        return add(step, new ParameterChanged(commandId, param, DoubleNode.valueOf(from), DoubleNode.valueOf(to),
                source));
    }

    ScriptedRun fired(long step, String commandId, String trigger, CommandSource source) {
        return add(step, new TriggerFired(commandId, trigger, source));
    }

    ScriptedRun finished(long step, String reason, String detail) {
        return add(step, new RunFinished(reason, detail));
    }

    private ScriptedRun add(long step, RunEvent event) {
        long seq = events.size() + 1;
        events.add(new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, experimentId, seq, step,
                T0.plusSeconds(seq)), event));
        return this;
    }
}
