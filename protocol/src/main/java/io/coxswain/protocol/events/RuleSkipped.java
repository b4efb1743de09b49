package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A controller's rule was not evaluated because a metric it reads has no value yet for this run (no logged loss, no
 * evaluation yet). Reported once per controller, metric and run; the rule is evaluated again once the metric exists.
 */
public record RuleSkipped(@JsonProperty(required = true) String ruleSet,
                          @JsonProperty(required = true) String controller,
                          @JsonProperty(required = true) String trigger,
                          @JsonProperty(required = true) String metric,
                          @JsonProperty(required = true) String reason) implements RunEvent {
}
