package io.coxswain.streams.engine;

import io.coxswain.streams.rules.metrics.MetricSpec;

/** Why one of TrAC's metrics has no value yet. */
final class BuiltinMissing {
    private BuiltinMissing() {
    }

    static String why(MetricSpec spec) {
        if (spec instanceof MetricSpec.Loss) {
            return "no logged loss yet (Loss has a value from the first logged step on)";
        }
        if (spec instanceof MetricSpec.EvalMetrics m && m.source() == MetricSpec.Source.ON_PREDICT) {
            return "EvalMetrics with source_event on_predict: Coxswain runs never predict";
        }
        if (spec instanceof MetricSpec.EvalMetrics) {
            return "no evaluation yet (EvalMetrics has a value from the first EvalCompleted on)";
        }
        return "no value yet";
    }
}
