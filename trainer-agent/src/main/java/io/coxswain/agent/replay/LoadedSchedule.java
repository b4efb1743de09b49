package io.coxswain.agent.replay;

import io.coxswain.protocol.schedule.ControlSchedule;
import java.util.List;

/**
 * A control schedule with where it came from, so that a problem found later names the entry as the file has it.
 *
 * @param name     the file (or other source) it was read from, for messages
 * @param schedule the schedule
 * @param lines    the line each entry starts on in that file, in entry order; empty when it was not read from text
 */
public record LoadedSchedule(String name, ControlSchedule schedule, List<Integer> lines) {

    public LoadedSchedule {
        lines = List.copyOf(lines);
    }

    /** A schedule that was not read from a file (e.g. exported from the ledger). */
    public static LoadedSchedule of(String name, ControlSchedule schedule) {
        return new LoadedSchedule(name, schedule, List.of());
    }

    /** How messages name entry {@code index}: {@code entries[2] (line 12)}, or with its step when no lines are known. */
    public String where(int index) {
        String at = index < lines.size() ? "line " + lines.get(index)
                : "step " + schedule.entries().get(index).step();
        return "entries[" + index + "] (" + at + ")";
    }
}
