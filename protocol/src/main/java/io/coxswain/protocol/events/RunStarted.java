package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A run began: its whole configuration, seed, workload, plan and declared live parameters. */
public record RunStarted(@JsonProperty(required = true) JsonNode config, long seed,
                         @JsonProperty(required = true) String workload, long plannedSteps,
                         @JsonProperty(required = true) List<ParameterSpec> parameters,
                         double restartCostSeconds) implements RunEvent {
}
