package io.coxswain.agent.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the energy source for a run: for GPU training the GPUs' power through nvidia-smi ({@code nvml}), for CPU
 * training the CPU packages' RAPL counters ({@code rapl}), and when that source cannot be used, the configured
 * wattage times elapsed time ({@code estimated}). The reason says which source was taken and why the better one was
 * not, for the run's log.
 */
public final class EnergyMeters {
    private static final Duration NVIDIA_SMI_TIMEOUT = Duration.ofSeconds(5);

    /** The meter, and one line for the log saying where its figures come from and why. */
    public record Choice(EnergyMeter meter, String reason) {
    }

    private EnergyMeters() {
    }

    public static Choice choose(EnergyConfig config) {
        List<String> skipped = new ArrayList<>();
        try {
            if (config.gpu()) {
                NvidiaSmiMeter meter = NvidiaSmiMeter.start(new NvidiaSmi(config.nvidiaSmiCommand(),
                        NVIDIA_SMI_TIMEOUT), config.sampleInterval());
                return new Choice(meter, "energy per step from nvml: " + String.join(" ", config.nvidiaSmiCommand())
                        + " answers " + meter.lastWatts() + " W, sampled every " + config.sampleInterval().toMillis()
                        + " ms");
            }
            RaplMeter meter = RaplMeter.open(config.powercapRoot());
            return new Choice(meter, "energy per step from rapl: " + meter.zones());
        } catch (EnergySourceUnavailableException e) {
            skipped.add(e.getMessage());
        }
        return new Choice(new EstimatedMeter(config.estimatedWatts()), "energy per step estimated at "
                + config.estimatedWatts() + " W x step time (" + String.join("; ", skipped) + ")");
    }
}
