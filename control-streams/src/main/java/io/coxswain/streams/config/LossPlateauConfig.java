package io.coxswain.streams.config;

/**
 * Settings of the {@code loss_plateau} rule.
 *
 * @param window   how many recent step losses are averaged, and how many steps without improvement make a plateau
 * @param minDelta how much lower than the best window mean a window mean must be to count as an improvement
 * @param minSteps the rule never fires for a plateau before this step (a diverged run is stopped at any step)
 */
public record LossPlateauConfig(int window, double minDelta, long minSteps) {
    public static final int DEFAULT_WINDOW = 50;
    public static final double DEFAULT_MIN_DELTA = 0.001;
    public static final long DEFAULT_MIN_STEPS = 100;
    /** The largest window accepted: the window is kept per run in the state store. */
    public static final int MAX_WINDOW = 10_000;

    public LossPlateauConfig {
        if (window < 1 || window > MAX_WINDOW) {
            throw new InvalidConfigException("lossPlateau.window", window, "must be between 1 and " + MAX_WINDOW);
        }
        if (!Double.isFinite(minDelta) || minDelta < 0) {
            throw new InvalidConfigException("lossPlateau.minDelta", minDelta, "must be a finite number >= 0");
        }
        if (minSteps < 0) {
            throw new InvalidConfigException("lossPlateau.minSteps", minSteps, "must be >= 0");
        }
    }

    public static LossPlateauConfig defaults() {
        return new LossPlateauConfig(DEFAULT_WINDOW, DEFAULT_MIN_DELTA, DEFAULT_MIN_STEPS);
    }

    public LossPlateauConfig withWindow(int newWindow) {
        return new LossPlateauConfig(newWindow, minDelta, minSteps);
    }

    public LossPlateauConfig withMinDelta(double newMinDelta) {
        return new LossPlateauConfig(window, newMinDelta, minSteps);
    }

    public LossPlateauConfig withMinSteps(long newMinSteps) {
        return new LossPlateauConfig(window, minDelta, newMinSteps);
    }
}
