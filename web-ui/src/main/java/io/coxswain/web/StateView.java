package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.RunStateAt;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run's configuration and live parameters at the end of one step, as rebuilt from the ledger. */
public record StateView(String runId, long step, JsonNode config, Map<String, ParameterView> parameters,
                        JsonNode stepEvent) {

    /** One live parameter: its value, and the step, command and source of the change that set it (null: start). */
    public record ParameterView(JsonNode value, Long setAtStep, String commandId, String source) {
    }

    public static StateView from(RunStateAt state) {
        Map<String, ParameterView> parameters = new LinkedHashMap<>();
        state.parameters().forEach((name, p) -> parameters.put(name,
                new ParameterView(p.value(), p.setAtStep(), p.commandId(), p.source())));
        return new StateView(state.runId(), state.step(), state.config(), parameters, state.stepEvent());
    }
}
