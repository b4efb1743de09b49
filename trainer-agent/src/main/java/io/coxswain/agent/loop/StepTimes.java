package io.coxswain.agent.loop;

import java.util.Arrays;

/** Wall times of a run's steps (as floats: 4 bytes a step), for the median that savings accounting uses. */
final class StepTimes {
    private float[] seconds = new float[1024];
    private int count;

    void add(double stepSeconds) {
        if (count == seconds.length) {
            seconds = Arrays.copyOf(seconds, seconds.length * 2);
        }
        seconds[count++] = (float) stepSeconds;
    }

    /** The median, NaN when no step ran. */
    double median() {
        if (count == 0) {
            return Double.NaN;
        }
        float[] sorted = Arrays.copyOf(seconds, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
    }
}
