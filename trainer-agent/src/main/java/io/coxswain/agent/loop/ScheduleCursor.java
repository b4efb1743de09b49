package io.coxswain.agent.loop;

import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.schedule.ScheduleEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a run is in its schedule: hands out each entry, as a command of its own, once the run has taken the entry's
 * steps. Command ids are {@code schedule-<run>-<n>} (n from 1, in entry order), so a resumed run knows which entries
 * its checkpoint had applied (they are among the command ids it had seen) and which it had answered after it (they
 * are in its published history). Mutable; used by the training thread only.
 */
final class ScheduleCursor {
    private final ScheduledChanges changes;
    private final String runId;
    private final List<Integer> pending = new ArrayList<>();

    /** @param seen the command ids the run has answered (a resumed run's checkpoint); their entries are done */
    ScheduleCursor(ScheduledChanges changes, String runId, Set<String> seen) {
        this.changes = changes;
        this.runId = runId;
        for (int i = 0; i < changes.schedule().entries().size(); i++) {
            if (!seen.contains(commandId(i))) {
                pending.add(i);
            }
        }
    }

    /** The commands of the entries due after {@code step} steps that were not handed out yet, in entry order. */
    List<ControlCommand> dueAt(long step) {
        List<ControlCommand> due = new ArrayList<>();
        while (!pending.isEmpty() && entry(pending.get(0)).step() <= step) {
            int index = pending.remove(0);
            due.add(new ControlCommand(commandId(index), runId, Instant.now(), changes.sourceOf(index),
                    entry(index).actions(), "schedule entry " + index + " at step " + entry(index).step()));
        }
        return due;
    }

    /** The ids of every entry's command, handed out or not. */
    Set<String> commandIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < changes.schedule().entries().size(); i++) {
            ids.add(commandId(i));
        }
        return ids;
    }

    /** Entries not handed out yet (the run ended before their step). */
    int remaining() {
        return pending.size();
    }

    private ScheduleEntry entry(int index) {
        return changes.schedule().entries().get(index);
    }

    private String commandId(int index) {
        return "schedule-" + runId + "-" + (index + 1);
    }
}
