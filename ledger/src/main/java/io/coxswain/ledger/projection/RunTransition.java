package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A change of a run's lifecycle, applied to {@code runs} in the order the events came. */
public sealed interface RunTransition {

    String runId();

    /**
     * The run started (or resumed): it is running with this configuration.
     *
     * @param learningRate the declared {@code learning_rate} parameter's value, or null
     * @param batchSize    the declared {@code batch_size} parameter's value, or null
     * @param tags         the strings of the configuration's {@code tags} list, in order
     */
    record Began(String runId, String experimentId, String workload, long seed, long plannedSteps, JsonNode config,
                 List<String> tags, Double learningRate, Integer batchSize, Instant startedAt)
            implements RunTransition {
        public Began {
            tags = List.copyOf(tags);
        }
    }

    /** The run finished: {@code completed}, {@code stopped} or {@code failed}, with detail. */
    record Ended(String runId, String experimentId, String reason, String detail, Instant finishedAt)
            implements RunTransition {
    }
}
