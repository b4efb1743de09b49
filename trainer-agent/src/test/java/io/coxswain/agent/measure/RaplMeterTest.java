package io.coxswain.agent.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.spool.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplMeterTest {
    @TempDir
    Path root;

    private void zone(String dir, String name, long energy, long maxRange) throws IOException {
        Path zone = Files.createDirectories(root.resolve(dir));
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("energy_uj"), energy + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), maxRange + "\n");
    }

    private void energy(String dir, long energy) throws IOException {
        Files.writeString(root.resolve(dir).resolve("energy_uj"), energy + "\n");
    }

    @Test
    void addsUpTheTopLevelPackageZonesOnly() throws IOException {
        zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L);
        zone("intel-rapl:0:0", "core", 5_000, 262_143_328_850L);
        zone("intel-rapl:1", "package-1", 7_000_000, 262_143_328_850L);
        zone("intel-rapl:2", "psys", 9_000_000, 262_143_328_850L);
        RaplMeter meter = RaplMeter.open(root);
        assertThat(meter.read()).isEqualTo(new Reading(0, "rapl"));

        energy("intel-rapl:0", 3_000_000);
        energy("intel-rapl:0:0", 1_005_000);
        energy("intel-rapl:1", 7_500_000);
        energy("intel-rapl:2", 19_000_000);

        assertThat(meter.read()).isEqualTo(new Reading(2.5, "rapl"));
        assertThat(meter.zones()).isEqualTo("intel-rapl:0 (package-0), intel-rapl:1 (package-1)");
    }

    @Test
    void countsThroughTheCounterWrappingToZero() throws IOException {
        zone("intel-rapl:0", "package-0", 900_000, 1_000_000);
        RaplMeter meter = RaplMeter.open(root);

        energy("intel-rapl:0", 100_000);
        Reading wrapped = meter.read();
        energy("intel-rapl:0", 400_000);

        assertThat(wrapped).isEqualTo(new Reading(0.2, "rapl"));
        assertThat(meter.read()).isEqualTo(new Reading(0.5, "rapl"));
        assertThat(RaplMeter.increase(10, 25, 100)).isEqualTo(15);
        assertThat(RaplMeter.increase(90, 5, 100)).isEqualTo(15);
    }

    @Test
    void saysWhyWhenThereIsNoPackageZone() throws IOException {
        zone("intel-rapl:0", "psys", 0, 100);

        assertThatThrownBy(() -> RaplMeter.open(root)).isInstanceOf(EnergySourceUnavailableException.class)
                .hasMessage("rapl: no package zone under " + root);
        assertThatThrownBy(() -> RaplMeter.open(root.resolve("absent")))
                .hasMessageStartingWith("rapl: " + root.resolve("absent") + " cannot be listed (NoSuchFileException");
    }

    @Test
    void saysWhichFileCannotBeRead() throws IOException {
        zone("intel-rapl:0", "package-0", 0, 100);
        Files.delete(root.resolve("intel-rapl:0/max_energy_range_uj"));

        assertThatThrownBy(() -> RaplMeter.open(root)).isInstanceOf(EnergySourceUnavailableException.class)
                .hasMessageStartingWith("rapl: " + root.resolve("intel-rapl:0/max_energy_range_uj")
                        + " is not readable (NoSuchFileException");
    }

    @Test
    void readsAsUnchangedWithOneWarningWhenACounterDisappears() throws IOException {
        zone("intel-rapl:0", "package-0", 0, 1_000_000_000);
        RaplMeter meter = RaplMeter.open(root);
        energy("intel-rapl:0", 1_000_000);
        meter.read();
        Files.delete(root.resolve("intel-rapl:0/energy_uj"));

        try (LogCapture log = new LogCapture(RaplMeter.class)) {
            assertThat(meter.read()).isEqualTo(new Reading(1, "rapl"));
            assertThat(meter.read()).isEqualTo(new Reading(1, "rapl"));
            assertThat(log.lines()).singleElement().asString().startsWith("WARN cannot read "
                    + root.resolve("intel-rapl:0/energy_uj"));
        }
    }
}
