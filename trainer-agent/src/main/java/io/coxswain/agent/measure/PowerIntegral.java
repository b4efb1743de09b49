package io.coxswain.agent.measure;

/**
 * Energy from power samples, holding each sample's watts until the next one (so a reading between samples never
 * exceeds the next and energy never decreases). An immutable value: {@link #sample} returns the next one.
 *
 * @param joules energy up to {@code atNanos}
 * @param watts  the power of the last sample, held since {@code atNanos}
 * @param atNanos when the last sample was taken ({@link System#nanoTime()} scale)
 */
record PowerIntegral(double joules, double watts, long atNanos) {

    static PowerIntegral start(double watts, long atNanos) {
        return new PowerIntegral(0, watts, atNanos);
    }

    /** The integral after a new sample of {@code newWatts} at {@code nanos}. */
    PowerIntegral sample(double newWatts, long nanos) {
        return new PowerIntegral(joulesAt(nanos), newWatts, Math.max(nanos, atNanos));
    }

    /** Energy up to {@code nanos}, holding the last sample's power since it was taken. */
    double joulesAt(long nanos) {
        return joules + watts * Math.max(0, nanos - atNanos) / 1e9;
    }
}
