package io.coxswain.agent.measure;

/**
 * Energy used since a meter started, in joules, and where the figure comes from: {@code rapl} or {@code nvml}
 * (measured) or {@code estimated} (the {@code StepCompleted.ENERGY_*} labels).
 */
public record Reading(double joules, String source) {

    /** The energy used between {@code earlier} and this reading: what one step cost. */
    public double joulesSince(Reading earlier) {
        return joules - earlier.joules;
    }
}
