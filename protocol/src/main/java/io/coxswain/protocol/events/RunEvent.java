package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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
        @JsonSubTypes.Type(RunFinished.class),
        @JsonSubTypes.Type(RunPaused.class),
        @JsonSubTypes.Type(RunResumed.class),
        @JsonSubTypes.Type(StateLogged.class),
        @JsonSubTypes.Type(EventsDropped.class),
        @JsonSubTypes.Type(ScheduleRejected.class),
        @JsonSubTypes.Type(CheckpointDeleted.class),
        @JsonSubTypes.Type(RuleSkipped.class),
        @JsonSubTypes.Type(ControlLogged.class),
        @JsonSubTypes.Type(RuleSetLoaded.class),
        @JsonSubTypes.Type(RuleSetRejected.class),
        @JsonSubTypes.Type(RuleSetRemoved.class),
        @JsonSubTypes.Type(CheckpointLoaded.class),
        @JsonSubTypes.Type(BatchFlagged.class)
})
public sealed interface RunEvent permits RunStarted, StepCompleted, EvalCompleted, CheckpointSaved, CommandAnswer,
        RuleFailed, RunFinished, RunPaused, RunResumed, StateLogged, EventsDropped, ScheduleRejected,
        CheckpointDeleted, RuleSkipped, ControlLogged, RuleSetLoaded, RuleSetRejected, RuleSetRemoved,
        BatchFlagged {

    /** Every concrete event type (the records under this sealed hierarchy). */
    static List<Class<? extends RunEvent>> types() {
        List<Class<? extends RunEvent>> types = new ArrayList<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(RunEvent.class.getPermittedSubclasses()));
        while (!open.isEmpty()) {
            Class<?> next = open.pop();
            if (next.isRecord()) {
                types.add(next.asSubclass(RunEvent.class));
            } else {
                open.addAll(List.of(next.getPermittedSubclasses()));
            }
        }
        return List.copyOf(types);
    }

    /** The wire name of this event's type, e.g. {@code StepCompleted}. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
