package io.coxswain.streams.rules.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Unmodifiable, insertion-ordered dicts for the values rules see (Map.of neither keeps order nor allows null). */
final class Values {
    private Values() {
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return frozen(map);
    }

    static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(map);
    }

    static Map<String, Double> orderedCopy(Map<String, Double> map) {
        return frozen(new LinkedHashMap<>(map == null ? Map.of() : map));
    }
}
