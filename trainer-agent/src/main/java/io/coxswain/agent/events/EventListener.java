package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;

/**
 * Observes every event a run publishes, right after it is handed to the sink, on the training thread (so it may
 * e.g. send a command that the run reads before its next step). It should be quick; an exception it throws fails the
 * run.
 */
@FunctionalInterface
public interface EventListener {
    EventListener NONE = event -> {
    };

    void onEvent(EventEnvelope event);
}
