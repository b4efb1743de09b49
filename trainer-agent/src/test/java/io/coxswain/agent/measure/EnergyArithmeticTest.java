package io.coxswain.agent.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.spool.LogCapture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EnergyArithmeticTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void estimatesWattageTimesElapsedTime() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        EstimatedMeter meter = new EstimatedMeter(250, now::get);
        Reading start = meter.read();
        now.addAndGet(3 * SECOND);
        Reading later = meter.read();

        assertThat(start).isEqualTo(new Reading(0, "estimated"));
        assertThat(later).isEqualTo(new Reading(750, "estimated"));
        assertThat(later.joulesSince(start)).isEqualTo(750);
    }

    @Test
    void integratesPowerHoldingEachSampleUntilTheNext() {
        PowerIntegral integral = PowerIntegral.start(100, 0);
        double beforeSecondSample = integral.joulesAt(2 * SECOND);
        integral = integral.sample(50, 2 * SECOND);

        assertThat(beforeSecondSample).isEqualTo(200);
        assertThat(integral.joulesAt(2 * SECOND)).isEqualTo(200);
        assertThat(integral.joulesAt(3 * SECOND)).isEqualTo(250);
        assertThat(integral.sample(10, 3 * SECOND)).isEqualTo(new PowerIntegral(250, 10, 3 * SECOND));
    }

    @Test
    void gpuMeterReadsTheIntegralOfItsSamplesAndHoldsTheLastPowerWhenASampleFails() {
        AtomicLong now = new AtomicLong(0);
        ArrayDeque<Double> samples = new ArrayDeque<>(List.of(300.0));
        NvidiaSmiMeter meter = new NvidiaSmiMeter(() -> {
            Double next = samples.poll();
            if (next == null) {
                throw new EnergySourceUnavailableException("nvml", "sh exited with 9", null);
            }
            return next;
        }, 100, Duration.ofMillis(200), now::get, false);

        now.set(SECOND);
        meter.sampleOnce();
        now.set(2 * SECOND);
        Reading sampled = meter.read();
        try (LogCapture log = new LogCapture(NvidiaSmiMeter.class)) {
            meter.sampleOnce();
            meter.sampleOnce();
            now.set(3 * SECOND);

            assertThat(sampled).isEqualTo(new Reading(400, "nvml"));
            assertThat(meter.read()).isEqualTo(new Reading(700, "nvml"));
            assertThat(log.lines()).containsExactly("WARN cannot sample GPU power (nvml: sh exited with 9); holding "
                    + "the last value, 300.0 W");
        }
        meter.close();
    }
}
