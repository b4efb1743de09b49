package io.coxswain.streams.rules.metrics;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished evaluation: its metrics in the order the agent sent them, the run's epoch and its step.
 *
 * @param metrics metric name to value, e.g. {@code eval_loss}; NaN and infinite values kept as they are
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"metrics", "epoch", "step"})
public record Evaluation(Map<String, Double> metrics, double epoch, long step) {

    public Evaluation {
        metrics = Values.orderedCopy(metrics);
    }

    /** The dict TrAC's {@code EvalMetrics} gives: the metrics, then {@code "epoch"} and {@code "step"}. */
    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>(metrics);
        value.put("epoch", epoch);
        value.put("step", step);
        return Values.frozen(value);
    }
}
