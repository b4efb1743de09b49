package io.coxswain.agent.control;

import io.coxswain.protocol.events.RunEvent;
import java.util.List;

/**
 * What a command does to a run: the state after it, the answer events to publish (in order), and the triggers to
 * carry out once they are published. A rejected, duplicate or no-op command fires nothing and changes no value.
 */
public record Decision(ControlState next, List<RunEvent> answers, List<FiredTrigger> triggers) {

    public Decision {
        answers = List.copyOf(answers);
        triggers = List.copyOf(triggers);
    }
}
