package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A rule could not be evaluated for this run (a missing key, an index out of range, a wrong type, a result that is
 * not true or false); it was skipped and training went on.
 *
 * @param ruleSet the rule set the controller belongs to, or null when it came from no named set
 */
public record RuleFailed(@JsonProperty(required = true) String controller,
                         @JsonProperty(required = true) String trigger, @JsonProperty(required = true) String rule,
                         @JsonProperty(required = true) String error, String ruleSet) implements RunEvent {

    /** A failure outside any named rule set. */
    public RuleFailed(String controller, String trigger, String rule, String error) {
        this(controller, trigger, rule, error, null);
    }
}
