package io.coxswain.protocol.commands;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** One action of a {@link ControlCommand}: set a live parameter or fire a trigger. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Action.SetParameter.class, name = "set"),
        @JsonSubTypes.Type(value = Action.FireTrigger.class, name = "trigger")
})
public sealed interface Action {

    /** Set a declared live parameter. The value stays raw JSON so the agent can check its type, not coerce it. */
    record SetParameter(String param, JsonNode value) implements Action {
    }

    /** Fire a one-shot trigger (checkpoint, evaluate, log, stop, epoch_stop, pause, resume). */
    record FireTrigger(String name) implements Action {
    }
}
