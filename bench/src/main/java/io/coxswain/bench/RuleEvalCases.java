package io.coxswain.bench;

import io.coxswain.streams.rules.metrics.Evaluation;
import io.coxswain.streams.rules.metrics.History;
import io.coxswain.streams.rules.metrics.LoggedLoss;
import io.coxswain.streams.rules.metrics.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller rules and metric values the rule-evaluation benchmarks run: a mix of TrAC's example rules, and
 * variables built by Coxswain's own metric classes (TrainingState, Loss, EvalMetrics, a HistoryBasedMetric window of 10
 * logged losses) for a run at step 120, epoch 1.5.
 */
final class RuleEvalCases {
    /** The window every HistoryBasedMetric variable shows. */
    static final int WINDOW = 10;

    /** TrAC's plateau rule as written in its examples: it slices, which the rule language does not accept. */
    static final String SLICED_PLATEAU =
            "avg(history[\"training_loss\"][\"loss\"][-5:]) - min(history[\"training_loss\"][\"loss\"]) < 0.01";

    private static final String HISTORY_LOSS = "history[\"training_loss\"][\"loss\"]";
    private static final String WINDOW_LOSS = "training_loss_window[\"training_loss\"][\"loss\"]";
    private static final double[] LOSSES = {0.40, 0.47, 0.44, 0.41, 0.45, 0.43, 0.40, 0.44, 0.41, 0.42};

    /** One benchmarked rule: a short id for tables and the rule's text. */
    record Case(String id, String text) {
    }

    private RuleEvalCases() {
    }

    /** The rules, in table order. */
    static List<Case> rules() {
        return List.of(
                new Case("1-threshold", "training_loss[\"loss\"] < 0.5"),
                new Case("2-and", "training_state[\"epoch\"] > 0.5 and training_loss[\"loss\"] > 2.0"),
                new Case("3-not-decreasing", "len(" + WINDOW_LOSS + ") == training_loss_window[\"window_size\"] and "
                        + WINDOW_LOSS + "[0] < " + WINDOW_LOSS + "[-1]"),
                new Case("4-plateau-mean", "abs(sum(" + HISTORY_LOSS + ") / len(" + HISTORY_LOSS + ") - min("
                        + HISTORY_LOSS + ")) < 0.01"),
                new Case("4b-plateau-last5", "(" + lastFive() + ") / 5 - min(" + HISTORY_LOSS + ") < 0.01"),
                new Case("4c-plateau-slice", "avg(" + HISTORY_LOSS + "[-5:]) - min(" + HISTORY_LOSS + ") < 0.01"),
                new Case("5-conditional", "eval_metrics[\"eval_loss\"] > 1.2 * training_loss[\"loss\"] if "
                        + "training_state[\"epoch\"] >= 1 else False"),
                new Case("6-math", "math_sqrt(abs(training_loss[\"loss\"] - eval_metrics[\"eval_loss\"])) > 0.1 or "
                        + "round(training_state[\"epoch\"]) >= 3"),
                new Case("7-avg", "avg(" + HISTORY_LOSS + ") > 1.05 * min(" + HISTORY_LOSS + ")"));
    }

    /** The case with this id. */
    static Case rule(String id) {
        return rules().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
    }

    /** The variables every rule reads, as the metric classes give them. */
    static Map<String, Object> variables() {
        long step = 120;
        double epoch = 1.5;
        History history = history();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("training_state", new Progress(step, epoch, 800, 10.0, 8, 2e-5, false).toValue());
        variables.put("training_loss", new LoggedLoss(LOSSES[LOSSES.length - 1], epoch, step).toValue());
        variables.put("eval_metrics", new Evaluation(Map.of("eval_loss", 0.51), epoch, step).toValue());
        variables.put("training_loss_window", history.toValue(WINDOW, WINDOW));
        variables.put("history", history.toValue(WINDOW, WINDOW));
        return variables;
    }

    /** Losses logged every 10 steps up to step 120 (80 steps an epoch), and the evaluation at step 120. */
    private static History history() {
        History history = History.empty();
        for (int i = 0; i < LOSSES.length; i++) {
            long step = 30 + 10L * i;
            history = history.withLoss(new LoggedLoss(LOSSES[i], step / 80.0, step), WINDOW);
        }
        return history.withEvaluation(new Evaluation(Map.of("eval_loss", 0.51), 1.5, 120), WINDOW);
    }

    /** The mean of the last five losses without a slice, summed in the order {@code sum(h[-5:])} adds them. */
    private static String lastFive() {
        StringBuilder sum = new StringBuilder();
        for (int i = -5; i <= -1; i++) {
            sum.append(sum.isEmpty() ? "" : " + ").append(HISTORY_LOSS).append('[').append(i).append(']');
        }
        return sum.toString();
    }
}
