package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A run began, or began again from a checkpoint: its whole configuration, seed, workload, plan and declared live
 * parameters.
 *
 * @param restartCostSeconds measured from process start to the first step (model and data built, checkpoint loaded)
 * @param resumedFromStep    the checkpoint's step when the run resumed from one, else null
 * @param checkpoint         the checkpoint the run resumed from, else null
 */
public record RunStarted(@JsonProperty(required = true) JsonNode config, long seed,
                         @JsonProperty(required = true) String workload, long plannedSteps,
                         @JsonProperty(required = true) List<ParameterSpec> parameters,
                         double restartCostSeconds, Long resumedFromStep, String checkpoint) implements RunEvent {

    /** A fresh start (not a resume). */
    public RunStarted(JsonNode config, long seed, String workload, long plannedSteps, List<ParameterSpec> parameters,
                      double restartCostSeconds) {
        this(config, seed, workload, plannedSteps, parameters, restartCostSeconds, null, null);
    }
}
