package io.coxswain.agent.measure;

import io.coxswain.protocol.events.StepCompleted;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU energy: a daemon thread samples the power of every GPU ({@link NvidiaSmi}) every {@code interval} and
 * integrates it over time; {@link #read} only reads the integral, so it costs the training loop nothing. A failed
 * sample is logged (the first of a series) and the last power is held until a sample succeeds.
 */
public final class NvidiaSmiMeter implements EnergyMeter {
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmiMeter.class);

    private final DoubleSupplier watts;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final AtomicReference<PowerIntegral> integral;
    private final Thread sampler;
    private volatile boolean running = true;
    private boolean failing;

    /** Starts sampling with {@code firstWatts}, a sample just taken (the one that showed nvidia-smi answers). */
    NvidiaSmiMeter(DoubleSupplier watts, double firstWatts, Duration interval, LongSupplier nanoTime,
                   boolean startThread) {
        this.watts = watts;
        this.interval = interval;
        this.nanoTime = nanoTime;
        this.integral = new AtomicReference<>(PowerIntegral.start(firstWatts, nanoTime.getAsLong()));
        this.sampler = new Thread(this::sampleUntilClosed, "coxswain-energy-nvml");
        sampler.setDaemon(true);
        if (startThread) {
            sampler.start();
        }
    }

    /** Checks that {@code smi} answers, then samples it every {@code interval}; throws when it does not answer. */
    public static NvidiaSmiMeter start(NvidiaSmi smi, Duration interval) {
        return new NvidiaSmiMeter(smi::watts, smi.watts(), interval, System::nanoTime, true);
    }

    @Override
    public Reading read() {
        return new Reading(integral.get().joulesAt(nanoTime.getAsLong()), StepCompleted.ENERGY_NVML);
    }

    /** The power of the last sample, in watts. */
    public double lastWatts() {
        return integral.get().watts();
    }

    @Override
    public String source() {
        return StepCompleted.ENERGY_NVML;
    }

    /** Takes one sample now (the sampler thread's work). */
    void sampleOnce() {
        try {
            double now = watts.getAsDouble();
            long at = nanoTime.getAsLong();
            integral.updateAndGet(current -> current.sample(now, at));
            if (failing) {
                failing = false;
                LOG.info("GPU power readable again: {} W", now);
            }
        } catch (EnergySourceUnavailableException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot sample GPU power ({}); holding the last value, {} W", e.getMessage(),
                        integral.get().watts());
            }
        }
    }

    private void sampleUntilClosed() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                sampleOnce();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
