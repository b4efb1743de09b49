package io.coxswain.protocol.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A run began: its whole configuration, seed, workload, plan and declared live parameters. */
public record RunStarted(JsonNode config, long seed, String workload, long plannedSteps,
                         List<ParameterSpec> parameters, double restartCostSeconds) implements RunEvent {
}
