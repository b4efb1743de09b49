package io.coxswain.streams.rules.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent logged losses and evaluations of a run, oldest first, each list at most a capacity long. Immutable:
 * appending returns a new value. One history serves every {@link MetricSpec.HistoryBasedMetric} window up to its
 * capacity: a window is the tail of the lists.
 */
public record History(List<LoggedLoss> losses, List<Evaluation> evaluations) {

    public History {
        losses = List.copyOf(losses);
        evaluations = List.copyOf(evaluations);
    }

    public static History empty() {
        return new History(List.of(), List.of());
    }

    public History withLoss(LoggedLoss loss, int capacity) {
        return new History(appended(losses, loss, capacity), evaluations);
    }

    public History withEvaluation(Evaluation evaluation, int capacity) {
        return new History(losses, appended(evaluations, evaluation, capacity));
    }

    /**
     * TrAC's window dict for the last {@code entries} of each list:
     * {@code {"training_loss": {"loss", "steps", "epoch"}, "metrics": {<key>..., "steps", "epoch"}, "window_size"}}.
     * Metric keys are those of the evaluations in the window in first-appearance order; an evaluation without a key
     * has null in that key's list, so every list lines up with {@code steps}.
     */
    public Map<String, Object> toValue(int entries, int windowSize) {
        return Values.ordered("training_loss", lossWindow(tail(losses, entries)),
                "metrics", metricsWindow(tail(evaluations, entries)), "window_size", (long) windowSize);
    }

    private static Map<String, Object> lossWindow(List<LoggedLoss> window) {
        List<Object> loss = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        List<Object> epoch = new ArrayList<>();
        for (LoggedLoss l : window) {
            loss.add(l.loss());
            steps.add(l.step());
            epoch.add(l.epoch());
        }
        return Values.ordered("loss", List.copyOf(loss), "steps", List.copyOf(steps), "epoch", List.copyOf(epoch));
    }

    private static Map<String, Object> metricsWindow(List<Evaluation> window) {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (Evaluation e : window) {
            e.metrics().keySet().forEach(key -> columns.putIfAbsent(key, new ArrayList<>()));
        }
        List<Object> steps = new ArrayList<>();
        List<Object> epoch = new ArrayList<>();
        for (Evaluation e : window) {
            columns.forEach((key, column) -> column.add(e.metrics().get(key)));
            steps.add(e.step());
            epoch.add(e.epoch());
        }
        Map<String, Object> value = new LinkedHashMap<>();
        columns.forEach((key, column) -> value.put(key, java.util.Collections.unmodifiableList(column)));
        value.put("steps", List.copyOf(steps));
        value.put("epoch", List.copyOf(epoch));
        return Values.frozen(value);
    }

    private static <T> List<T> appended(List<T> list, T item, int capacity) {
        if (capacity <= 0) {
            return list;
        }
        int from = Math.max(0, list.size() + 1 - capacity);
        List<T> next = new ArrayList<>(list.subList(from, list.size()));
        next.add(item);
        return next;
    }

    private static <T> List<T> tail(List<T> list, int entries) {
        return list.subList(Math.max(0, list.size() - entries), list.size());
    }
}
