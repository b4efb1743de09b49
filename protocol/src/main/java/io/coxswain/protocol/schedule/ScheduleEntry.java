package io.coxswain.protocol.schedule;

import io.coxswain.protocol.commands.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * What one command did to a run, to be done again at the same step: applied between step {@code step} and the next
 * (where a command answered at event step {@code step} was applied), as one command. Its actions are kept in one
 * order, sets then triggers then checkpoint loads, which does what any order of them does: a command's values are set
 * together and its triggers act after its loads.
 *
 * @param step    optimizer steps taken when it applies (0: before the first step)
 * @param actions at least one
 * @param origin  the command it repeats, or null for an entry written by hand
 */
public record ScheduleEntry(long step, List<Action> actions, ScheduleOrigin origin) {

    public ScheduleEntry {
        if (step < 0) {
            throw new IllegalArgumentException("a schedule entry's step must be >= 0, got " + step);
        }
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("a schedule entry needs at least one action (step " + step + ")");
        }
        List<Action> ordered = new ArrayList<>();
        actions.stream().filter(a -> a instanceof Action.SetParameter).forEach(ordered::add);
        actions.stream().filter(a -> a instanceof Action.FireTrigger).forEach(ordered::add);
        actions.stream().filter(a -> a instanceof Action.LoadCheckpoint).forEach(ordered::add);
        actions = List.copyOf(ordered);
    }

    /** True when the entry fires this trigger. */
    public boolean fires(String trigger) {
        return actions.stream().anyMatch(a -> a instanceof Action.FireTrigger fire && fire.name().equals(trigger));
    }
}
