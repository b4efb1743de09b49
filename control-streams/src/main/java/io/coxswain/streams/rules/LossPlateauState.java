package io.coxswain.streams.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code loss_plateau} remembers about one run. Immutable: every transition returns a new value.
 *
 * @param window   the most recent finite step losses, oldest first, at most the configured window
 * @param best     the best (lowest) window mean so far and its step; null until the window was first full
 * @param lastStep the last step seen, -1 before the first
 * @param fired    whether the rule has fired for this run (it fires at most once)
 */
public record LossPlateauState(List<Double> window, Best best, long lastStep, boolean fired) {

    /** The best window mean and the step at which it was reached. */
    public record Best(double mean, long step) {
    }

    public LossPlateauState {
        window = List.copyOf(window);
    }

    public static LossPlateauState initial() {
        return new LossPlateauState(List.of(), null, -1, false);
    }

    /** This state with {@code loss} of {@code step} appended, keeping only the last {@code size} losses. */
    public LossPlateauState withLoss(long step, double loss, int size) {
        List<Double> next = new ArrayList<>(Math.min(window.size() + 1, size));
        int from = Math.max(0, window.size() + 1 - size);
        for (int i = from; i < window.size(); i++) {
            next.add(window.get(i));
        }
        next.add(loss);
        return new LossPlateauState(next, best, step, fired);
    }

    public LossPlateauState withBest(double mean, long step) {
        return new LossPlateauState(window, new Best(mean, step), lastStep, fired);
    }

    /** The state after firing at {@code step}: the window is no longer needed, since the rule never fires again. */
    public LossPlateauState firedAt(long step) {
        return new LossPlateauState(List.of(), best, step, true);
    }

    public boolean windowFull(int size) {
        return window.size() >= size;
    }

    /** The mean of the losses in the window, summed oldest first; NaN when the window is empty. */
    public double windowMean() {
        double sum = 0;
        for (double loss : window) {
            sum += loss;
        }
        return window.isEmpty() ? Double.NaN : sum / window.size();
    }
}
