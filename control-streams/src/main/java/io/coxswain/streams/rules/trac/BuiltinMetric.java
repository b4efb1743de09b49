package io.coxswain.streams.rules.trac;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** TrAC's metric classes. */
enum BuiltinMetric implements TracMetricClass {
    TRAINING_STATE("TrainingState", Set.of()),
    LOSS("Loss", Set.of()),
    EVAL_METRICS("EvalMetrics", Set.of("source_event")),
    HISTORY_BASED_METRIC("HistoryBasedMetric", Set.of("window_size")),
    PER_PROCESS_STATE("PerProcessState", Set.of());

    private final String className;
    private final Set<String> arguments;

    BuiltinMetric(String className, Set<String> arguments) {
        this.className = className;
        this.arguments = arguments;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> given) {
        return Arguments.first(
                Arguments.onlyKnown(given, arguments),
                Arguments.oneOf(given, "source_event", Set.of("on_evaluate", "on_predict")),
                Arguments.integer(given, "window_size"),
                Long.valueOf(0).equals(given.get("window_size"))
                        ? Optional.of("argument 'window_size' must not be 0 (negative means unbounded)")
                        : Optional.empty());
    }
}
