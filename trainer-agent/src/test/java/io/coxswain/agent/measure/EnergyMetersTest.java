package io.coxswain.agent.measure;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMetersTest {
    @TempDir
    Path root;

    private EnergyConfig config(boolean gpu, String nvidiaSmiScript) {
        return new EnergyConfig(gpu, root, List.of("sh", "-c", nvidiaSmiScript), Duration.ofMillis(20), 120);
    }

    @Test
    void measuresCpuPackagesWithRaplWhenTheCountersAreReadable() throws IOException {
        Path zone = Files.createDirectories(root.resolve("intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0");
        Files.writeString(zone.resolve("energy_uj"), "10");
        Files.writeString(zone.resolve("max_energy_range_uj"), "1000");

        EnergyMeters.Choice choice = EnergyMeters.choose(config(false, "echo 1"));

        assertThat(choice.meter()).isInstanceOf(RaplMeter.class);
        assertThat(choice.reason()).isEqualTo("energy per step from rapl: intel-rapl:0 (package-0)");
    }

    @Test
    void estimatesAndSaysWhyWhenRaplIsMissing() {
        EnergyMeters.Choice choice = EnergyMeters.choose(config(false, "echo 1"));

        assertThat(choice.meter().source()).isEqualTo("estimated");
        assertThat(choice.reason()).isEqualTo("energy per step estimated at 120.0 W x step time (rapl: no package "
                + "zone under " + root + ")");
    }

    @Test
    void samplesGpuPowerInTheBackgroundWhenNvidiaSmiAnswers() {
        EnergyMeters.Choice choice = EnergyMeters.choose(config(true, "echo 250.0"));
        try (EnergyMeter meter = choice.meter()) {
            assertThat(choice.reason()).isEqualTo("energy per step from nvml: sh -c echo 250.0 answers 250.0 W, "
                    + "sampled every 20 ms");
            Reading first = meter.read();
            await().atMost(10, SECONDS).until(() -> meter.read().joulesSince(first) > 0);
            assertThat(meter.read().source()).isEqualTo("nvml");
        }
    }

    @Test
    void estimatesAndSaysWhyWhenNvidiaSmiPrintsSomethingElse() {
        EnergyMeters.Choice choice = EnergyMeters.choose(config(true, "echo '[N/A]'"));

        assertThat(choice.meter()).isInstanceOf(EstimatedMeter.class);
        assertThat(choice.reason()).isEqualTo("energy per step estimated at 120.0 W x step time (nvml: unexpected "
                + "power.draw output '[N/A]' (want watts, one GPU per line))");
    }
}
