package io.coxswain.cli.commands;

import io.coxswain.streams.config.LossPlateauConfig;
import picocli.CommandLine.Option;

/** The loss-plateau rule's settings, shared by the commands that start control-streams. */
public final class PlateauOptions {
    @Option(names = "--plateau-window", defaultValue = "" + LossPlateauConfig.DEFAULT_WINDOW,
            description = "Steps in the loss window of rule loss_plateau (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--plateau-min-delta", defaultValue = "" + LossPlateauConfig.DEFAULT_MIN_DELTA,
            description = "Smallest drop of the window's mean loss that counts as improvement (default ${DEFAULT-VALUE}).")
    double minDelta;

    @Option(names = "--plateau-min-steps", defaultValue = "" + LossPlateauConfig.DEFAULT_MIN_STEPS,
            description = "Never stop a run before this step (default ${DEFAULT-VALUE}).")
    long minSteps;

    public LossPlateauConfig config() {
        return new LossPlateauConfig(window, minDelta, minSteps);
    }
}
