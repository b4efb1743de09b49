package io.coxswain.agent.measure;

/**
 * Cumulative energy of the machine's part that trains (CPU packages through RAPL, GPUs through nvidia-smi, or a
 * configured wattage). The training loop reads it between steps and publishes the difference; {@link #read} is
 * cheap (a few file reads at most) and never throws: a source that stops answering is logged and read as
 * unchanged. Pick one with {@link EnergyMeters#choose}.
 */
public interface EnergyMeter extends AutoCloseable {

    /** Joules used since the meter started. Never decreases. */
    Reading read();

    /** The label of the figures: {@code rapl}, {@code nvml} or {@code estimated}. */
    String source();

    /** Stops any background sampling. */
    @Override
    void close();
}
