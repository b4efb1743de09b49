package io.coxswain.streams.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunStarted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine knows of a run beyond its metrics: its experiment, its tags (from the config's {@code tags}) and its
 * live parameters' current values. Immutable; JSON-serializable for a state store.
 */
public record RunInfo(String experimentId, List<String> tags, Map<String, JsonNode> parameters) {

    public RunInfo {
        tags = List.copyOf(tags);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A run seen for the first time, through {@code event}. */
    public static RunInfo first(EventEnvelope event) {
        return new RunInfo(event.header().experimentId(), List.of(), Map.of()).apply(event);
    }

    /** The info after {@code event}: a (re)start sets tags and parameters, a change updates one parameter. */
    public RunInfo apply(EventEnvelope event) {
        String experiment = event.header().experimentId() != null ? event.header().experimentId() : experimentId;
        if (event.event() instanceof RunStarted started) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (ParameterSpec spec : started.parameters()) {
                values.put(spec.name(), spec.value());
            }
            return new RunInfo(experiment, tagsOf(started.config()), values);
        }
        if (event.event() instanceof ParameterChanged changed && changed.newValue() != null) {
            Map<String, JsonNode> values = new LinkedHashMap<>(parameters);
            values.put(changed.param(), changed.newValue());
            return new RunInfo(experiment, tags, values);
        }
        return java.util.Objects.equals(experiment, experimentId) ? this : new RunInfo(experiment, tags, parameters);
    }

    private static List<String> tagsOf(JsonNode config) {
        JsonNode tags = config == null ? null : config.get("tags");
        List<String> values = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(tag -> {
                if (tag.isTextual()) {
                    values.add(tag.textValue());
                }
            });
        }
        return values;
    }
}
