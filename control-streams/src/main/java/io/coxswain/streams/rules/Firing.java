package io.coxswain.streams.rules;

import io.coxswain.protocol.commands.Action;
import java.util.List;
import java.util.Objects;

/**
 * A rule fired for a run at a step.
 *
 * @param step     the run's step when it fired (part of the command id, so a reprocessed firing has the same id)
 * @param actions  what the run should do, applied together
 * @param evidence the values the rule saw
 * @param reason   a sentence for people, with the numbers
 */
public record Firing(long step, List<Action> actions, Evidence evidence, String reason) {

    public Firing {
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a firing needs at least one action (step " + step + ")");
        }
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(reason, "reason");
    }
}
