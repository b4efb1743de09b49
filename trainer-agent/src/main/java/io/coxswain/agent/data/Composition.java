package io.coxswain.agent.data;

import io.coxswain.agent.workload.DataSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many samples of a batch each source gives. The weights are normalized over the sources with a weight above 0
 * (a source missing from the map has weight 0 and gives nothing), and source {@code s} gets {@code w_s * B} rounded
 * by the largest remainder method: each gets the floor of its quota, and the samples left go one each to the
 * largest fractional parts, ties to the earlier source. So every count is within 1 of its quota, they add up to
 * {@code B}, and the result depends only on the weights and {@code B}.
 */
final class Composition {
    private Composition() {
    }

    /**
     * Weights in source order from a map by source name; null means weights proportional to the sources' sizes.
     *
     * @throws IllegalArgumentException for an unknown source, a negative, infinite, NaN or null weight, or weights
     *                                  that are all 0
     */
    static double[] weights(List<DataSource> sources, Map<String, Double> byName) {
        double[] weights = new double[sources.size()];
        if (byName == null) {
            for (int s = 0; s < weights.length; s++) {
                weights[s] = sources.get(s).trainSize();
            }
            return weights;
        }
        for (Map.Entry<String, Double> entry : byName.entrySet()) {
            int s = indexOf(sources, entry.getKey());
            if (s < 0) {
                throw new IllegalArgumentException("mixture weights name unknown data source '" + entry.getKey()
                        + "' (sources: " + names(sources) + ")");
            }
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("mixture weight of data source '" + entry.getKey()
                        + "' must be a finite number >= 0, got " + weight);
            }
            weights[s] = weight;
        }
        for (double weight : weights) {
            if (weight > 0) {
                return weights;
            }
        }
        throw new IllegalArgumentException("mixture weights " + byName + " give no data source a weight above 0"
                + " (sources: " + names(sources) + ")");
    }

    /** Counts per source adding up to {@code total}, from weights checked by {@link #weights}. */
    static int[] counts(double[] weights, int total) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        int[] counts = new int[weights.length];
        double[] remainders = new double[weights.length];
        long assigned = 0;
        for (int s = 0; s < weights.length; s++) {
            if (weights[s] > 0) {
                double quota = Math.min(total, weights[s] * total / sum);
                counts[s] = (int) Math.floor(quota);
                remainders[s] = quota - counts[s];
                assigned += counts[s];
            }
        }
        // Rounding may leave the floors one off in either direction; the loops settle the total exactly.
        boolean[] topped = new boolean[weights.length];
        for (long left = total - assigned; left > 0; left--) {
            int best = pick(weights, remainders, topped);
            if (best < 0) {
                topped = new boolean[weights.length];
                best = pick(weights, remainders, topped);
            }
            counts[best]++;
            topped[best] = true;
        }
        for (long excess = assigned - total; excess > 0; excess--) {
            int worst = -1;
            for (int s = 0; s < weights.length; s++) {
                if (counts[s] > 0 && (worst < 0 || remainders[s] < remainders[worst])) {
                    worst = s;
                }
            }
            counts[worst]--;
        }
        return counts;
    }

    private static int pick(double[] weights, double[] remainders, boolean[] topped) {
        int best = -1;
        for (int s = 0; s < weights.length; s++) {
            if (weights[s] > 0 && !topped[s] && (best < 0 || remainders[s] > remainders[best])) {
                best = s;
            }
        }
        return best;
    }

    private static int indexOf(List<DataSource> sources, String name) {
        for (int s = 0; s < sources.size(); s++) {
            if (sources.get(s).name().equals(name)) {
                return s;
            }
        }
        return -1;
    }

    static String names(List<DataSource> sources) {
        return sources.stream().map(DataSource::name).collect(Collectors.joining(", "));
    }
}
