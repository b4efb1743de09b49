package io.coxswain.ledger.savings;

/**
 * A run's steps, summarised.
 *
 * @param steps         StepCompleted events (a step re-done after a resume counts again)
 * @param lastStep      the highest step
 * @param lastEpoch     the highest fractional epoch
 * @param medianSeconds the median step time (PostgreSQL's percentile_cont(0.5)); 0 without steps
 * @param meteredSteps  steps whose energy a meter measured (rapl or nvml)
 * @param meteredJoules their energy
 * @param meteredSeconds their time
 * @param meters        the meters, sorted and joined by {@code +}, or null when none
 */
public record StepStats(long steps, long lastStep, double lastEpoch, double medianSeconds, long meteredSteps,
                        double meteredJoules, double meteredSeconds, String meters) {

    public static final StepStats NONE = new StepStats(0, 0, 0, 0, 0, 0, 0, null);
}
