package io.coxswain.protocol.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's control schedule: the changes and triggers to apply, each at a step, in order. Exported from the ledger for
 * a finished run ({@code cox recipe}), followed by a replay ({@code cox replay}) or applied to a new run
 * ({@code cox train --schedule}). Entries are in step order; entries of one step apply in their order.
 *
 * @param fromRun the run the schedule was taken from, or null for one written by hand
 * @param entries in step order
 */
public record ControlSchedule(String fromRun, List<ScheduleEntry> entries) {

    public ControlSchedule {
        entries = List.copyOf(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).step() < entries.get(i - 1).step()) {
                throw new IllegalArgumentException("schedule entries must be in step order: entry " + i + " (step "
                        + entries.get(i).step() + ") comes after step " + entries.get(i - 1).step());
            }
        }
    }

    public static ControlSchedule empty() {
        return new ControlSchedule(null, List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** This schedule with {@code entry} added after the entries of its step and before those of later steps. */
    public ControlSchedule with(ScheduleEntry entry) {
        List<ScheduleEntry> all = new ArrayList<>(entries);
        int at = 0;
        while (at < all.size() && all.get(at).step() <= entry.step()) {
            at++;
        }
        all.add(at, entry);
        return new ControlSchedule(fromRun, all);
    }
}
