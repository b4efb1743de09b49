package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A controller's LogControl operation ran: its {@code log_format} filled with the metric values of that moment.
 *
 * @param level debug, info, warning, error or critical
 */
public record ControlLogged(@JsonProperty(required = true) String ruleSet,
                            @JsonProperty(required = true) String controller,
                            @JsonProperty(required = true) String trigger,
                            @JsonProperty(required = true) String level,
                            @JsonProperty(required = true) String message) implements RunEvent {
}
