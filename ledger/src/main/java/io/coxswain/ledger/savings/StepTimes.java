package io.coxswain.ledger.savings;

import io.coxswain.protocol.events.StepCompleted;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** Sums up StepCompleted events into {@link StepStats}, as {@link RunFactsReader}'s SQL does. Not thread-safe. */
final class StepTimes {
    static final Set<String> METERS = Set.of(StepCompleted.ENERGY_RAPL, StepCompleted.ENERGY_NVML);

    private double[] seconds = new double[64];
    private long steps;
    private long lastStep;
    private double lastEpoch;
    private long meteredSteps;
    private double meteredJoules;
    private double meteredSeconds;
    private final TreeSet<String> meters = new TreeSet<>();

    void add(long step, StepCompleted event) {
        if (steps == seconds.length) {
            seconds = Arrays.copyOf(seconds, seconds.length * 2);
        }
        seconds[(int) steps++] = event.stepSeconds();
        lastStep = steps == 1 ? step : Math.max(lastStep, step);
        lastEpoch = steps == 1 ? event.epoch() : Math.max(lastEpoch, event.epoch());
        if (event.energyJoules() != null && METERS.contains(event.energySource())) {
            meteredSteps++;
            meteredJoules += event.energyJoules();
            meteredSeconds += event.stepSeconds();
            meters.add(event.energySource());
        }
    }

    StepStats stats() {
        if (steps == 0) {
            return StepStats.NONE;
        }
        return new StepStats(steps, lastStep, lastEpoch, median(Arrays.copyOf(seconds, (int) steps)), meteredSteps,
                meteredJoules, meteredSeconds, meters.isEmpty() ? null : String.join("+", meters));
    }

    /** The median as PostgreSQL's percentile_cont(0.5) computes it: the two middle values interpolated. */
    static double median(double[] values) {
        Arrays.sort(values);
        double position = 0.5 * (values.length - 1);
        int lo = (int) Math.floor(position);
        int hi = (int) Math.ceil(position);
        return lo == hi ? values[lo] : values[lo] + (position - lo) * (values[hi] - values[lo]);
    }
}
