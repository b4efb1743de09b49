package io.coxswain.ledger.replay;

import java.util.Iterator;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Two runs' losses step by step, compared bit for bit (NaN equals NaN): the number of steps that matched and the first
 * step where they differ, if any, with both values (null where a run has no such step). Pure.
 *
 * @param stepsMatched  steps compared equal before the first difference (all of them when matched)
 * @param differsAt     the first step that differs, or null when every step matched
 * @param original      the original's loss at that step, or null
 * @param replay        the replay's loss at that step, or null
 */
public record LossComparison(long stepsMatched, Long differsAt, Double original, Double replay) {

    /** Compares two runs' losses by step. */
    public static LossComparison of(SortedMap<Long, Double> original, SortedMap<Long, Double> replay) {
        TreeSet<Long> steps = new TreeSet<>(original.keySet());
        steps.addAll(replay.keySet());
        long matched = 0;
        for (Iterator<Long> it = steps.iterator(); it.hasNext(); ) {
            long step = it.next();
            Double a = original.get(step);
            Double b = replay.get(step);
            if (a == null || b == null || Double.compare(a, b) != 0) {
                return new LossComparison(matched, step, a, b);
            }
            matched++;
        }
        return new LossComparison(matched, null, null, null);
    }

    public boolean matched() {
        return differsAt == null;
    }

    /** One line: {@code loss sequence matched exactly over 300 steps}, or where and how it differs first. */
    public String describe() {
        if (matched()) {
            return "loss sequence matched exactly over " + stepsMatched + " steps";
        }
        return "loss sequence differs first at step " + differsAt + " (after " + stepsMatched + " matching step"
                + (stepsMatched == 1 ? "" : "s") + "): "
                + "original " + value(original) + ", replay " + value(replay);
    }

    private static String value(Double loss) {
        return loss == null ? "no such step" : Double.toString(loss);
    }
}
