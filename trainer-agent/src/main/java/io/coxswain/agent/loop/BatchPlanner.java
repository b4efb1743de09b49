package io.coxswain.agent.loop;

import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.data.MixingSampler;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.protocol.events.ScheduleRejected;
import java.util.Optional;

/**
 * Chooses each step's batch size (per micro-batch): the schedule's value until a command sets batch_size, the
 * commanded value after. A schedule value that is not a usable size (below 1, or a step larger than the data) is
 * refused and the previous size is kept; one {@link ScheduleRejected} event says so when the schedule's values
 * become unusable, not again at every step while they stay so (that depends only on the schedule, so a resumed run
 * agrees). With drop_last, a commanded size that does not fit what is left of the epoch waits for the epoch's end
 * (the size planned at the previous draw, which does fit, is used until then), so that epochs end exactly where the
 * sampler said they would.
 */
final class BatchPlanner {
    private final BatchSizeSchedule schedule;
    private final int accumulation;
    private final int maxSize;
    private boolean overridden;
    private int commanded;
    private int current;
    private int planned;

    /** What to use for one step, and an event to publish when the schedule's value was refused. */
    record Choice(int size, Optional<ScheduleRejected> rejected) {
    }

    BatchPlanner(BatchSizeSchedule schedule, int accumulation, int trainSize, int initial) {
        this.schedule = schedule;
        this.accumulation = accumulation;
        this.maxSize = Math.max(1, trainSize / accumulation);
        this.current = initial;
        this.planned = initial;
    }

    /** Restores the planner from a checkpoint. */
    void restore(boolean wasOverridden, int commandedSize, int value, int plannedNext) {
        this.overridden = wasOverridden;
        this.commanded = commandedSize;
        this.current = value;
        this.planned = plannedNext;
    }

    boolean overridden() {
        return overridden;
    }

    int current() {
        return current;
    }

    int planned() {
        return planned;
    }

    /** A command set batch_size (already validated against the live bounds). */
    void override(int size) {
        overridden = true;
        commanded = size;
    }

    int commanded() {
        return commanded;
    }

    /** The size for the step after {@code steps} steps, given where the sampler stands. */
    Choice choose(long steps, MixingSampler sampler, SamplerState at) {
        Optional<ScheduleRejected> rejected = Optional.empty();
        int wanted = overridden ? commanded : current;
        if (!overridden) {
            int scheduled = schedule.sizeAt(steps);
            if (usable(scheduled)) {
                wanted = scheduled;
            } else if (steps == 0 || usable(schedule.sizeAt(steps - 1))) {
                rejected = Optional.of(new ScheduleRejected("batch_size", IntNode.valueOf(scheduled),
                        IntNode.valueOf(current), "batch_size: the schedule's value " + scheduled + " at step "
                        + (steps + 1) + " is not a usable size (must be >= 1 and <= " + maxSize + " so that "
                        + accumulation + " micro-batches fit in the training data); keeping " + current
                        + " until the schedule gives a usable size again"));
            }
        }
        if (sampler.dropLast() && !sampler.fits(at, wanted * accumulation)) {
            wanted = planned;
        }
        current = wanted;
        return new Choice(wanted, rejected);
    }

    private boolean usable(int size) {
        return size >= 1 && size <= maxSize;
    }

    /** The size planned for the step after {@code steps} steps (for drop_last's look-ahead); remembered. */
    int planNext(long steps) {
        int next = overridden ? commanded : current;
        if (!overridden) {
            int scheduled = schedule.sizeAt(steps);
            if (usable(scheduled)) {
                next = scheduled;
            }
        }
        planned = next;
        return next;
    }
}
