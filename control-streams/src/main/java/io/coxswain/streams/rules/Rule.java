package io.coxswain.streams.rules;

import io.coxswain.protocol.events.EventEnvelope;

/**
 * A control rule evaluated per run: a pure function from the run's rule state and one of its events to the next state
 * and, possibly, a firing. No Kafka here; the topology stores the state and turns a firing into a command.
 *
 * @param <S> the rule's per-run state: an immutable value, stored as JSON through the protocol's mapper
 */
public interface Rule<S> {

    /** The rule's name, as in a command's {@code source.rule}, e.g. {@code loss_plateau}. */
    String name();

    /** The state of a run whose events this rule has not seen yet. */
    S initialState();

    /** The state's class, so that the state can be read back from the store. */
    Class<S> stateType();

    /**
     * Evaluates one event of a run. Returns the state unchanged (equal) when the event does not concern this rule.
     * Never throws for any event a codec accepted.
     */
    Evaluation<S> evaluate(S state, EventEnvelope event);
}
