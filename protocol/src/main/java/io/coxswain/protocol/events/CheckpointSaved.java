package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A checkpoint was written; {@code final} marks the one written when the run ends. */
public record CheckpointSaved(@JsonProperty(required = true) String path, long bytes,
                              @JsonProperty("final") boolean isFinal) implements RunEvent {
}
