package io.coxswain.agent.measure;

import io.coxswain.protocol.events.StepCompleted;
import java.util.function.LongSupplier;

/** A configured wattage times the time since the meter started: a guess, labelled {@code estimated}. */
public final class EstimatedMeter implements EnergyMeter {
    private final double watts;
    private final LongSupplier nanoTime;
    private final long started;

    public EstimatedMeter(double watts) {
        this(watts, System::nanoTime);
    }

    EstimatedMeter(double watts, LongSupplier nanoTime) {
        if (!(watts >= 0) || Double.isInfinite(watts)) {
            throw new IllegalArgumentException("estimated watts must be a finite number >= 0, got " + watts);
        }
        this.watts = watts;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    public double watts() {
        return watts;
    }

    @Override
    public Reading read() {
        return new Reading(watts * (nanoTime.getAsLong() - started) / 1e9, StepCompleted.ENERGY_ESTIMATED);
    }

    @Override
    public String source() {
        return StepCompleted.ENERGY_ESTIMATED;
    }

    @Override
    public void close() {
        // Nothing runs in the background.
    }
}
