package io.coxswain.ledger.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import java.util.List;

/**
 * What the ledger knows to re-execute a run: its first RunStarted (configuration, seed, workload, plan), the schedule
 * of the commands it applied, and how far it got.
 *
 * @param config       the configuration of its first RunStarted (snake_case JSON)
 * @param schedule     its applied commands at their steps ({@link ScheduleFromEvents})
 * @param lastStep     the step of its RunFinished, else of its last StepCompleted, else 0
 * @param finished     its last RunFinished, or null when the ledger has none (still running, crashed, or not stored
 *                     yet)
 */
public record RunRecipe(String runId, JsonNode config, long seed, String workload, long plannedSteps,
                        ControlSchedule schedule, long lastStep, RunFinished finished) {

    public boolean completed() {
        return finished != null && RunFinished.COMPLETED.equals(finished.reason());
    }

    /**
     * The schedule a re-execution follows: this run's, and where the run ended before its plan without a stop in its
     * schedule (stopped from outside the control feed, failed, or not finished), a stop at its last step, so that the
     * re-execution ends where it did.
     */
    public ControlSchedule replaySchedule() {
        if (!needsStop()) {
            return schedule;
        }
        return schedule.with(new ScheduleEntry(lastStep, List.of(new Action.FireTrigger(Triggers.STOP)), null));
    }

    private boolean needsStop() {
        return !completed() && schedule.entries().stream().noneMatch(e -> e.fires(Triggers.STOP));
    }

    /** Why {@link #replaySchedule()} adds a stop, or null when it does not. */
    public String addedStopReason() {
        if (!needsStop()) {
            return null;
        }
        return finished == null ? "the ledger has no end of run " + runId + " (still running, crashed, or not stored"
                + " yet): the replay stops at its last recorded step " + lastStep
                : "run " + runId + " ended " + finished.reason() + (finished.detail() == null ? ""
                : " (" + finished.detail() + ")") + " at step " + lastStep + " without a stop command: the replay"
                + " stops there too";
    }
}
