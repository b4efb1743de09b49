package io.coxswain.agent.loop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.control.ControlState;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.protocol.codec.Json;

/** The detailed state a {@code log} trigger publishes (StateLogged). */
final class Snapshot {
    private Snapshot() {
    }

    static ObjectNode of(long step, long plannedSteps, ControlState control, SamplerState sampler, double lastLoss,
                         double learningRate, int batchSize, boolean batchOverridden, double medianStepSeconds,
                         long lastCommandOffset) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.put("step", step);
        state.put("plannedSteps", plannedSteps);
        state.put("paused", control.paused());
        ObjectNode values = state.putObject("parameters");
        control.values().forEach(values::set);
        state.put("learningRateInEffect", learningRate);
        state.put("batchSize", batchSize);
        state.put("batchSizeFrom", batchOverridden ? "command" : "schedule");
        state.set("sampler", Json.mapper().valueToTree(sampler));
        state.put("lastLoss", lastLoss);
        state.put("medianStepSeconds", medianStepSeconds);
        state.put("commandsAnswered", control.seenCommandIds().size());
        state.put("lastCommandOffset", lastCommandOffset);
        return state;
    }
}
