package io.coxswain.streams.engine;

import io.coxswain.streams.rules.metrics.MetricSpec;
import io.coxswain.streams.rules.trac.MetricDeclaration;

/** Maps TrAC's own metric and operation classes onto what the engine computes itself. */
final class BuiltinMetrics {
    private BuiltinMetrics() {
    }

    /** The typed spec of a TrAC metric class, or null when the class is a plugged-in one. */
    static MetricSpec spec(MetricDeclaration metric) {
        return switch (metric.metricClass()) {
            case "TrainingState" -> new MetricSpec.TrainingState();
            case "Loss" -> new MetricSpec.Loss();
            case "EvalMetrics" -> new MetricSpec.EvalMetrics("on_predict".equals(metric.arguments().get("source_event"))
                    ? MetricSpec.Source.ON_PREDICT : MetricSpec.Source.ON_EVALUATE);
            case "HistoryBasedMetric" -> new MetricSpec.HistoryBasedMetric(windowSize(metric));
            case "PerProcessState" -> new MetricSpec.PerProcessState();
            default -> null;
        };
    }

    static boolean isBuiltinOperation(String operationClass) {
        return "HFControls".equals(operationClass) || "LogControl".equals(operationClass);
    }

    private static int windowSize(MetricDeclaration metric) {
        Object size = metric.arguments().get("window_size");
        if (size == null) {
            return 1;
        }
        long window = ((Number) size).longValue();
        return (int) Math.max(Math.min(window, MetricSpec.MAX_WINDOW), -1);
    }
}
