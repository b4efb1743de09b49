package io.coxswain.agent.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {
    private static NvidiaSmi shell(String script) {
        return new NvidiaSmi(List.of("sh", "-c", script), Duration.ofSeconds(5));
    }

    @Test
    void addsUpThePowerOfEveryGpu() {
        assertThat(NvidiaSmi.parse("245.25\n 98.50 \n\n")).isEqualTo(343.75);
        assertThat(NvidiaSmi.parse("70.0")).isEqualTo(70.0);
    }

    @Test
    void rejectsOutputThatIsNotWattsPerGpu() {
        assertThatThrownBy(() -> NvidiaSmi.parse("[N/A]\n")).isInstanceOf(EnergySourceUnavailableException.class)
                .hasMessage("nvml: unexpected power.draw output '[N/A]' (want watts, one GPU per line)");
        assertThatThrownBy(() -> NvidiaSmi.parse("250.0, 300.0")).hasMessage(
                "nvml: unexpected power.draw output '250.0, 300.0' (want watts, one GPU per line)");
        assertThatThrownBy(() -> NvidiaSmi.parse("-5")).hasMessage(
                "nvml: unexpected power.draw output '-5' (want watts >= 0)");
        assertThatThrownBy(() -> NvidiaSmi.parse("\n")).hasMessage("nvml: power.draw output is empty: no GPU");
    }

    @Test
    void runsTheCommandAndReadsWhatItPrints() {
        assertThat(shell("printf '100.5\\n50\\n'").watts()).isEqualTo(150.5);
    }

    @Test
    void saysWhyWhenTheCommandIsMissingOrFails() {
        assertThatThrownBy(() -> new NvidiaSmi(List.of("/nonexistent/nvidia-smi"), Duration.ofSeconds(5)).watts())
                .isInstanceOf(EnergySourceUnavailableException.class)
                .hasMessageStartingWith("nvml: cannot run /nonexistent/nvidia-smi (");
        assertThatThrownBy(() -> shell("echo 'NVIDIA-SMI has failed because it could not communicate'; exit 9")
                .watts()).hasMessage("nvml: sh exited with 9: NVIDIA-SMI has failed because it could not communicate");
        assertThatThrownBy(() -> new NvidiaSmi(List.of("sleep", "30"), Duration.ofMillis(200)).watts())
                .hasMessage("nvml: sleep did not answer within PT0.2S");
    }
}
