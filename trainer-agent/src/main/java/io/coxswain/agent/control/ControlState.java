package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.ParameterSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live parameter values of a run, whether it is paused, and the command ids it has answered. Immutable:
 * transitions return a new value.
 *
 * @param parameters     the live parameters the run declares
 * @param values         current value per live parameter name, as normalized JSON (double or int nodes)
 * @param seenCommandIds every decoded command id answered so far, for duplicate detection
 * @param paused         true between an accepted pause and the next resume
 */
public record ControlState(LiveParameters parameters, Map<String, JsonNode> values, Set<String> seenCommandIds,
                           boolean paused) {

    public ControlState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        seenCommandIds = Set.copyOf(seenCommandIds);
        for (LiveParameter p : parameters.all()) {
            if (!values.containsKey(p.name())) {
                throw new IllegalArgumentException("no initial value for live parameter " + p.name());
            }
        }
    }

    /** These parameters with these initial values; not paused; no command seen yet. */
    public static ControlState initial(LiveParameters parameters, Map<String, JsonNode> values) {
        return new ControlState(parameters, values, Set.of(), false);
    }

    public JsonNode value(String name) {
        JsonNode value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no live parameter named " + name);
        }
        return value;
    }

    public double doubleValue(String name) {
        return value(name).doubleValue();
    }

    public int intValue(String name) {
        return value(name).intValue();
    }

    public double learningRate() {
        return doubleValue(LiveParameters.LEARNING_RATE_NAME);
    }

    public int loggingSteps() {
        return intValue(LiveParameters.LOGGING_STEPS_NAME);
    }

    public int evalSteps() {
        return intValue(LiveParameters.EVAL_STEPS_NAME);
    }

    public boolean hasSeen(String commandId) {
        return seenCommandIds.contains(commandId);
    }

    /** The same state with one value replaced by the run itself (e.g. the batch size its schedule chose). */
    public ControlState withValue(String name, JsonNode value) {
        Map<String, JsonNode> next = new LinkedHashMap<>(values);
        next.put(name, value);
        return withValues(next);
    }

    ControlState withValues(Map<String, JsonNode> newValues) {
        return new ControlState(parameters, newValues, seenCommandIds, paused);
    }

    /** The same state paused or not (restored from a checkpoint; commands pause through the decider). */
    public ControlState withPaused(boolean nowPaused) {
        return new ControlState(parameters, values, seenCommandIds, nowPaused);
    }

    ControlState withSeen(String commandId) {
        Set<String> seen = new HashSet<>(seenCommandIds);
        seen.add(commandId);
        return new ControlState(parameters, values, seen, paused);
    }

    /** The same state with these command ids already answered (restored from a checkpoint). */
    public ControlState withSeenAll(Set<String> commandIds) {
        Set<String> seen = new HashSet<>(seenCommandIds);
        seen.addAll(commandIds);
        return new ControlState(parameters, values, seen, paused);
    }

    /** The declarations published in RunStarted, with the current values. */
    public List<ParameterSpec> specs() {
        return parameters.all().stream().map(p -> p.spec(values.get(p.name()))).toList();
    }
}
