package io.coxswain.streams.rules.trac;

/**
 * What a metric gives a rule: a value, or the reason it has none yet (then the rule is skipped, not failed).
 *
 * @param value   the rule value, meaningful only when {@code missing} is null
 * @param missing why there is no value yet, or null when there is one
 */
public record MetricValue(Object value, String missing) {

    public static MetricValue of(Object value) {
        return new MetricValue(value, null);
    }

    public static MetricValue missing(String why) {
        return new MetricValue(null, java.util.Objects.requireNonNull(why, "why"));
    }

    public boolean available() {
        return missing == null;
    }
}
