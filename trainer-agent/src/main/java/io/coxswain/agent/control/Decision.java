package io.coxswain.agent.control;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.events.RunEvent;
import java.util.List;

/**
 * What a command does to a run: the state after it, the answer events to publish (in order), the checkpoints to load
 * (in order) and the triggers to carry out once they are published. A rejected, duplicate or no-op command loads and
 * fires nothing and changes no value.
 */
public record Decision(ControlState next, List<RunEvent> answers, List<FiredTrigger> triggers,
                       List<Action.LoadCheckpoint> loads) {

    public Decision {
        answers = List.copyOf(answers);
        triggers = List.copyOf(triggers);
        loads = List.copyOf(loads);
    }

    /** A decision that loads no checkpoint. */
    public Decision(ControlState next, List<RunEvent> answers, List<FiredTrigger> triggers) {
        this(next, answers, triggers, List.of());
    }
}
