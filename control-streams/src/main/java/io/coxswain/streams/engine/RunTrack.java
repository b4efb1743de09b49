package io.coxswain.streams.engine;

import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One run as its cohort sees it: the series of its logged losses ({@code loss}) and evaluation metrics by step, its
 * last step, whether it finished, and its latest checkpoint. Each series keeps its last {@link #MAX_POINTS} points.
 * Immutable; JSON-serializable.
 */
public record RunTrack(Map<String, NavigableMap<Long, Double>> series, long lastStep, boolean finished,
                       String checkpoint, long checkpointStep) {
    /** The most points kept per run and series. */
    public static final int MAX_POINTS = 2_000;

    public RunTrack {
        Map<String, NavigableMap<Long, Double>> copy = new LinkedHashMap<>();
        series.forEach((key, points) -> copy.put(key, java.util.Collections.unmodifiableNavigableMap(
                new TreeMap<>(points))));
        series = java.util.Collections.unmodifiableMap(copy);
    }

    public static RunTrack empty() {
        return new RunTrack(Map.of(), 0, false, null, 0);
    }

    /** The track after {@code event}; events that change nothing return this track. */
    public RunTrack apply(EventEnvelope event) {
        long step = Math.max(lastStep, event.step());
        if (event.event() instanceof StepCompleted s && s.logged()) {
            return new RunTrack(with(series, "loss", event.step(), s.loss()), step, finished, checkpoint,
                    checkpointStep);
        } else if (event.event() instanceof StepCompleted) {
            return step == lastStep ? this : new RunTrack(series, step, finished, checkpoint, checkpointStep);
        } else if (event.event() instanceof EvalCompleted e) {
            Map<String, NavigableMap<Long, Double>> next = series;
            for (Map.Entry<String, Double> metric : e.metrics().entrySet()) {
                next = with(next, metric.getKey(), event.step(), metric.getValue());
            }
            return new RunTrack(next, step, finished, checkpoint, checkpointStep);
        } else if (event.event() instanceof CheckpointSaved c) {
            return new RunTrack(series, step, finished, c.path(), event.step());
        } else if (event.event() instanceof RunFinished) {
            return new RunTrack(series, step, true, checkpoint, checkpointStep);
        } else if (event.event() instanceof RunStarted) {
            return new RunTrack(series, step, false, checkpoint, checkpointStep);
        }
        return this;
    }

    private static Map<String, NavigableMap<Long, Double>> with(Map<String, NavigableMap<Long, Double>> series,
            String key, long step, double value) {
        Map<String, NavigableMap<Long, Double>> next = new LinkedHashMap<>(series);
        TreeMap<Long, Double> points = new TreeMap<>(series.getOrDefault(key, new TreeMap<>()));
        points.put(step, value);
        while (points.size() > MAX_POINTS) {
            points.pollFirstEntry();
        }
        next.put(key, points);
        return next;
    }
}
