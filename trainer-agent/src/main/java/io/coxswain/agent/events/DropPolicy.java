package io.coxswain.agent.events;

import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.StepCompleted;
import java.util.Set;

/**
 * Which events a sink may drop when it can hold no more (Kafka away, memory queue and disk spool full). Only the
 * periodic measurements may go: {@code StepCompleted}, {@code EvalCompleted} and {@code StateLogged}; a gap in them
 * loses detail, and the {@code EventsDropped} that follows says exactly which sequence numbers are missing.
 * Everything else (RunStarted, RunFinished, the command answers ParameterChanged, TriggerFired, CommandRejected and
 * CommandIgnored, checkpoints, pauses, EventsDropped itself) is rare and carries meaning the ledger and the control
 * plane need, so it is kept even past the memory bound.
 */
public final class DropPolicy {
    private static final Set<Class<? extends RunEvent>> DROPPABLE = Set.of(StepCompleted.class, EvalCompleted.class,
            StateLogged.class);

    private DropPolicy() {
    }

    public static boolean droppable(RunEvent event) {
        return DROPPABLE.contains(event.getClass());
    }
}
