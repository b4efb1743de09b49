package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The agent could not hold every event while Kafka was away and dropped some: {@code count} events with sequence
 * numbers from {@code firstSeq} to {@code lastSeq}, by type. Published as soon as there is room again.
 */
public record EventsDropped(long count, long firstSeq, long lastSeq,
                            @JsonProperty(required = true) Map<String, Long> byType,
                            @JsonProperty(required = true) String reason) implements RunEvent {
}
