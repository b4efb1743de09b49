package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds a run's start and its parameter changes into its state at a step. Pure. */
final class StateRebuild {
    private StateRebuild() {
    }

    /**
     * @param start   the first RunStarted's payload: {@code config} and the declared {@code parameters}
     * @param changes ParameterChanged payloads up to the step, in stored order
     * @param stepEvent the step's StepCompleted payload, or null
     */
    static RunStateAt of(String runId, long step, JsonNode start, List<JsonNode> changes, JsonNode stepEvent) {
        Map<String, RunStateAt.ParameterAt> parameters = new LinkedHashMap<>();
        for (JsonNode declared : start.path("parameters")) {
            parameters.put(declared.path("name").asText(),
                    new RunStateAt.ParameterAt(declared.path("value"), null, null, null));
        }
        for (JsonNode change : changes) {
            parameters.put(change.path("param").asText(), new RunStateAt.ParameterAt(change.path("newValue"),
                    change.path("step").asLong(), change.path("commandId").asText(null), source(change.path("source"))));
        }
        return new RunStateAt(runId, step, start.path("config"), parameters, stepEvent);
    }

    private static String source(JsonNode source) {
        if (source.isMissingNode() || source.isNull()) {
            return null;
        }
        StringBuilder text = new StringBuilder(source.path("kind").asText("user"));
        if (source.hasNonNull("author")) {
            text.append(' ').append(source.get("author").asText());
        }
        if (source.hasNonNull("rule")) {
            text.append(" (rule ").append(source.get("rule").asText()).append(')');
        }
        return text.toString();
    }
}
