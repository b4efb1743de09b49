package io.coxswain.agent.measure;

import io.coxswain.protocol.events.StepCompleted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The power all GPUs draw now, from {@code nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits} (NVML
 * through its command line): one line per GPU, in watts. The command is a parameter so tests can stand in for it.
 */
public final class NvidiaSmi {
    public static final List<String> DEFAULT_COMMAND = List.of("nvidia-smi", "--query-gpu=power.draw",
            "--format=csv,noheader,nounits");

    private final List<String> command;
    private final Duration timeout;

    public NvidiaSmi(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    public List<String> command() {
        return command;
    }

    /** Runs the command once; throws with the reason when it is missing, fails, hangs or prints something else. */
    public double watts() {
        String output;
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw unavailable("cannot run " + String.join(" ", command) + " (" + e.getMessage() + ")", e);
        }
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw unavailable(command.get(0) + " did not answer within " + timeout, null);
            }
            output = new String(out.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unavailable("cannot read the output of " + command.get(0) + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for " + command.get(0), e);
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw unavailable(command.get(0) + " exited with " + process.exitValue() + ": " + output.strip(), null);
        }
        return parse(output);
    }

    /** The total of the per-GPU watts in {@code output}; throws naming the line that is not a number of watts. */
    public static double parse(String output) {
        double total = 0;
        int gpus = 0;
        for (String line : output.strip().split("\\R")) {
            String value = line.strip();
            if (value.isEmpty()) {
                continue;
            }
            double watts;
            try {
                watts = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw unavailable("unexpected power.draw output '" + value + "' (want watts, one GPU per line)", e);
            }
            if (!(watts >= 0) || Double.isInfinite(watts)) {
                throw unavailable("unexpected power.draw output '" + value + "' (want watts >= 0)", null);
            }
            total += watts;
            gpus++;
        }
        if (gpus == 0) {
            throw unavailable("power.draw output is empty: no GPU", null);
        }
        return total;
    }

    private static EnergySourceUnavailableException unavailable(String reason, Throwable cause) {
        return new EnergySourceUnavailableException(StepCompleted.ENERGY_NVML, reason, cause);
    }
}
