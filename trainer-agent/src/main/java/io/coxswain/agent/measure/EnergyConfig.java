package io.coxswain.agent.measure;

import io.coxswain.agent.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where energy figures come from. Validated when built.
 *
 * @param gpu              training runs on a GPU: measure GPUs (nvml), else CPU packages (rapl)
 * @param powercapRoot     the powercap directory (default {@code /sys/class/powercap})
 * @param nvidiaSmiCommand the command printing one power.draw per GPU (default {@link NvidiaSmi#DEFAULT_COMMAND})
 * @param sampleInterval   how often GPU power is sampled (default 200 ms)
 * @param estimatedWatts   the draw assumed when nothing can be measured (default 150 W: set it to the machine's)
 */
public record EnergyConfig(boolean gpu, Path powercapRoot, List<String> nvidiaSmiCommand, Duration sampleInterval,
                           double estimatedWatts) {
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(200);
    public static final double DEFAULT_ESTIMATED_WATTS = 150;

    public EnergyConfig {
        nvidiaSmiCommand = nvidiaSmiCommand == null ? null : List.copyOf(nvidiaSmiCommand);
        List<String> problems = new ArrayList<>();
        if (powercapRoot == null) {
            problems.add("powercapRoot is required");
        }
        if (nvidiaSmiCommand == null || nvidiaSmiCommand.isEmpty()) {
            problems.add("nvidiaSmiCommand must name a command");
        }
        if (sampleInterval == null || sampleInterval.toMillis() < 1) {
            problems.add("sampleInterval must be at least 1 ms, got " + sampleInterval);
        }
        if (!(estimatedWatts >= 0) || Double.isInfinite(estimatedWatts)) {
            problems.add("estimatedWatts must be a finite number >= 0, got " + estimatedWatts);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(null, problems);
        }
    }

    public static EnergyConfig defaults(boolean gpu) {
        return new EnergyConfig(gpu, RaplMeter.DEFAULT_ROOT, NvidiaSmi.DEFAULT_COMMAND, DEFAULT_SAMPLE_INTERVAL,
                DEFAULT_ESTIMATED_WATTS);
    }
}
