package io.coxswain.agent.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent's half of a checkpoint (the workload writes the model and optimizer state beside it): everything needed
 * to continue the run exactly where it was.
 *
 * @param step              optimizer steps taken
 * @param config            the run's configuration (snake_case JSON), to refuse resuming with another one
 * @param sampler           the sampler's position (JSON of {@code data.SamplerState})
 * @param values            every live parameter's value
 * @param seenCommandIds    command ids answered so far (duplicates stay duplicates after a resume)
 * @param paused            whether the run was paused
 * @param lastCommandOffset control-partition offset of the last command applied, -1 when none
 * @param batchOverridden   true once a command set batch_size (the schedule no longer drives it)
 * @param commandedBatchSize the batch size the last batch_size command set, 0 when none did
 * @param currentBatchSize  the batch size of the last step
 * @param plannedBatchSize  the batch size planned for the next step when the checkpoint was taken
 * @param lastSeq           sequence number of the last event published before the checkpoint's own event
 * @param savedAt           wall-clock time of the checkpoint
 * @param schedule          the schedule the run follows ({@code replay.ScheduledChanges#toJson}), null for none
 */
public record AgentCheckpoint(long step, JsonNode config, JsonNode sampler, Map<String, JsonNode> values,
                              List<String> seenCommandIds, boolean paused, long lastCommandOffset,
                              boolean batchOverridden, int commandedBatchSize,
                              int currentBatchSize, int plannedBatchSize, long lastSeq, Instant savedAt,
                              JsonNode schedule) {
    public static final String FILE = "agent-state.json";
}
