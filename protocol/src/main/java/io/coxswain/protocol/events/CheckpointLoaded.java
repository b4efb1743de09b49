package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coxswain.protocol.commands.CommandSource;

/**
 * The answer to a {@code load_checkpoint} action: the run now trains from that checkpoint's model and optimizer
 * state, keeping its own step, data position and live parameters.
 *
 * @param fromRun  the run that saved the checkpoint, or null when the command did not name it
 * @param fromStep the step the checkpoint was saved at
 */
public record CheckpointLoaded(@JsonProperty(required = true) String commandId,
                               @JsonProperty(required = true) String checkpoint, String fromRun, long fromStep,
                               @JsonProperty(required = true) CommandSource source) implements CommandAnswer {
}
