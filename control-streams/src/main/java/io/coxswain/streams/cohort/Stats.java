package io.coxswain.streams.cohort;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small statistics and rule-value helpers of the cohort recipes. */
final class Stats {
    private Stats() {
    }

    /** The median; the mean of the middle two for an even count. */
    static double median(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** A rule value dict from alternating keys and values (null values kept), in that order. */
    static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> dict = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            dict.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(dict);
    }
}
