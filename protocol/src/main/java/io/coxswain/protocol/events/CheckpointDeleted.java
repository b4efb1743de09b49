package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A checkpoint was deleted, e.g. to honour save_total_limit; {@code bytes} were freed. */
public record CheckpointDeleted(@JsonProperty(required = true) String path, long bytes,
                                @JsonProperty(required = true) String reason) implements RunEvent {
}
