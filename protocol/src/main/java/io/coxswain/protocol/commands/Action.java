package io.coxswain.protocol.commands;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** One action of a {@link ControlCommand}: set a live parameter or fire a trigger. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Action.SetParameter.class, name = "set"),
        @JsonSubTypes.Type(value = Action.FireTrigger.class, name = "trigger"),
        @JsonSubTypes.Type(value = Action.LoadCheckpoint.class, name = "load_checkpoint")
})
public sealed interface Action {

    /** Set a declared live parameter. The value stays raw JSON so the agent can check its type, not coerce it. */
    record SetParameter(String param, JsonNode value) implements Action {
    }

    /** Fire a one-shot trigger (checkpoint, evaluate, log, stop, epoch_stop, pause, resume). */
    record FireTrigger(String name) implements Action {
    }

    /**
     * Load the model and optimizer state of a checkpoint (usually another run's, as population-based training's
     * exploit step) and keep training from the run's own step and data position.
     *
     * @param checkpoint the checkpoint directory, as its CheckpointSaved event named it
     * @param fromRun    the run that saved it, or null when unknown
     */
    record LoadCheckpoint(String checkpoint, String fromRun) implements Action {
    }
}
