package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that happens to a run, in the past tense. On the wire each event is one flat JSON object: the
 * {@link EventHeader} fields, {@code "type"}, and the event's own fields (see {@link EventEnvelope}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(RunStarted.class),
        @JsonSubTypes.Type(StepCompleted.class),
        @JsonSubTypes.Type(EvalCompleted.class),
        @JsonSubTypes.Type(CheckpointSaved.class),
        @JsonSubTypes.Type(ParameterChanged.class),
        @JsonSubTypes.Type(TriggerFired.class),
        @JsonSubTypes.Type(CommandRejected.class),
        @JsonSubTypes.Type(CommandIgnored.class),
        @JsonSubTypes.Type(RuleFailed.class),
        @JsonSubTypes.Type(RunFinished.class)
})
public sealed interface RunEvent permits RunStarted, StepCompleted, EvalCompleted, CheckpointSaved, CommandAnswer,
        RuleFailed, RunFinished {

    /** The wire name of this event's type, e.g. {@code StepCompleted}. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
