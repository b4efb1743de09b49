package io.coxswain.streams.rules.metrics;

import java.util.Collection;

/** A TrAC metric class with its arguments: what a rule asks {@link RunMetrics#value(MetricSpec)} for. */
public sealed interface MetricSpec {

    /** The most history entries a run keeps; a negative (unbounded) or larger window is capped to it. */
    int MAX_WINDOW = 100_000;

    /** TrAC {@code TrainingState}: the HF {@code TrainerState} fields as a dict. */
    record TrainingState() implements MetricSpec {
    }

    /** TrAC {@code Loss}: the latest logged training loss {@code {"loss", "epoch", "step"}}. */
    record Loss() implements MetricSpec {
    }

    /** TrAC {@code EvalMetrics}: the latest evaluation's metrics. */
    record EvalMetrics(Source source) implements MetricSpec {
        public EvalMetrics {
            if (source == null) {
                throw new IllegalArgumentException("EvalMetrics needs a source event");
            }
        }
    }

    /** Where {@link EvalMetrics} come from. Our runs never predict, so {@code ON_PREDICT} is never available. */
    enum Source {
        ON_EVALUATE, ON_PREDICT
    }

    /**
     * TrAC {@code HistoryBasedMetric}: the last {@code windowSize} logged losses and evaluations; a negative size means
     * unbounded, kept up to {@link #MAX_WINDOW}.
     */
    record HistoryBasedMetric(int windowSize) implements MetricSpec {
        public HistoryBasedMetric {
            if (windowSize == 0) {
                throw new IllegalArgumentException("HistoryBasedMetric window_size must not be 0");
            }
        }

        /** The number of entries this metric shows: the window, or {@link #MAX_WINDOW} when larger or unbounded. */
        public int entries() {
            return windowSize < 0 ? MAX_WINDOW : Math.min(windowSize, MAX_WINDOW);
        }
    }

    /** TrAC {@code PerProcessState}: this process's rank, always 0 (one reporting process per run). */
    record PerProcessState() implements MetricSpec {
    }

    /** The history a run must keep to answer every spec in {@code specs}: the largest window, 0 with none. */
    static int historyCapacity(Collection<? extends MetricSpec> specs) {
        int capacity = 0;
        for (MetricSpec spec : specs) {
            if (spec instanceof HistoryBasedMetric h) {
                capacity = Math.max(capacity, h.entries());
            }
        }
        return capacity;
    }
}
