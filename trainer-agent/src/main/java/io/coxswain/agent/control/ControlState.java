package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.protocol.events.ParameterSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live parameter values of a run and the command ids it has answered. Immutable: transitions return a new value.
 *
 * @param parameters     the live parameters the run declares
 * @param values         current value per live parameter name, as normalized JSON (double or int nodes)
 * @param seenCommandIds every decoded command id answered so far, for duplicate detection
 */
public record ControlState(LiveParameters parameters, Map<String, JsonNode> values, Set<String> seenCommandIds) {

    public ControlState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        seenCommandIds = Set.copyOf(seenCommandIds);
        for (LiveParameter p : parameters.all()) {
            if (!values.containsKey(p.name())) {
                throw new IllegalArgumentException("no initial value for live parameter " + p.name());
            }
        }
    }

    /** The standard parameters with these initial values; no command seen yet. */
    public static ControlState initial(double learningRate, int loggingSteps, int evalSteps) {
        LiveParameters params = LiveParameters.standard();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put(LiveParameters.LEARNING_RATE_NAME, DoubleNode.valueOf(learningRate));
        values.put(LiveParameters.LOGGING_STEPS_NAME, IntNode.valueOf(loggingSteps));
        values.put(LiveParameters.EVAL_STEPS_NAME, IntNode.valueOf(evalSteps));
        return new ControlState(params, values, Set.of());
    }

    public JsonNode value(String name) {
        JsonNode value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no live parameter named " + name);
        }
        return value;
    }

    public double learningRate() {
        return value(LiveParameters.LEARNING_RATE_NAME).doubleValue();
    }

    public int loggingSteps() {
        return value(LiveParameters.LOGGING_STEPS_NAME).intValue();
    }

    public int evalSteps() {
        return value(LiveParameters.EVAL_STEPS_NAME).intValue();
    }

    public boolean hasSeen(String commandId) {
        return seenCommandIds.contains(commandId);
    }

    ControlState withValues(Map<String, JsonNode> newValues) {
        return new ControlState(parameters, newValues, seenCommandIds);
    }

    ControlState withSeen(String commandId) {
        Set<String> seen = new HashSet<>(seenCommandIds);
        seen.add(commandId);
        return new ControlState(parameters, values, seen);
    }

    /** The declarations published in RunStarted, with the current values. */
    public List<ParameterSpec> specs() {
        return parameters.all().stream().map(p -> p.spec(values.get(p.name()))).toList();
    }
}
