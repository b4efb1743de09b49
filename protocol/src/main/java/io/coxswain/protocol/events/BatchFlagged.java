package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A rule set's DataBatchInspector flagged this step's batch: its loss exceeded the limit (an absolute threshold, or a
 * factor times the moving median). In it, the samples whose loss spiked, when the agent sent sample losses.
 *
 * @param metric       the inspector's name in the rule set
 * @param spikes       indexes into the step's sampleLosses, ascending (at most 100; {@code spikeCount} has all)
 * @param sampleLosses whether the step carried sample losses; without them no spike can be found
 */
public record BatchFlagged(@JsonProperty(required = true) String ruleSet, @JsonProperty(required = true) String metric,
                           double batchLoss, double limit, @JsonProperty(required = true) List<Integer> spikes,
                           @JsonProperty(required = true) List<Double> spikeLosses, int spikeCount,
                           boolean sampleLosses) implements RunEvent {
    public BatchFlagged {
        spikes = List.copyOf(spikes);
        spikeLosses = List.copyOf(spikeLosses);
    }
}
