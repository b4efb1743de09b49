package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A run as it stood at the end of one step, rebuilt from its events: the configuration it started with, every live
 * parameter's value after the changes applied up to and including that step (changes apply between steps, so these
 * are the values the next step trains with), and the step's own StepCompleted when the ledger has it.
 *
 * @param config     the configuration of the run's first RunStarted
 * @param parameters by name, in declaration order
 * @param stepEvent  the StepCompleted of that step as it came (learning rate in effect, loss, epoch, ...), or null
 */
public record RunStateAt(String runId, long step, JsonNode config, Map<String, ParameterAt> parameters,
                         JsonNode stepEvent) {

    /**
     * One live parameter's value at the step.
     *
     * @param setAtStep the step of the change that set it, or null for the value the run started with
     * @param commandId the command that set it, or null
     * @param source    who set it: user, rule or replay (with the author and rule), or null for the start value
     */
    public record ParameterAt(JsonNode value, Long setAtStep, String commandId, String source) {
    }
}
