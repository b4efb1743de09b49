/**
 * What TrAC (fms-hf-tuning's training-control-as-code) controller rules see of a run: pure functions from run events
 * to plain Java values (Long, Double, Boolean, String, null, List, Map) that the rule evaluator reads.
 *
 * <ul>
 *   <li>{@link io.coxswain.streams.rules.metrics.Triggers#triggersFor} maps one event to the HF callback triggers,
 *       in the order HF calls them within a step: on_step_end, on_log, on_epoch_end.</li>
 *   <li>{@link io.coxswain.streams.rules.metrics.RunMetrics} is a run's immutable metric state ({@code apply} returns
 *       the next one; Jackson-serializable for a state store); {@code value(MetricSpec)} gives a metric class's value,
 *       empty while it has none.</li>
 * </ul>
 *
 * <p>Decisions:
 * <ul>
 *   <li>{@code TrainingState} has no {@code log_history}: logged losses reach rules through {@code Loss} and
 *       {@code HistoryBasedMetric}, and an ever-growing list does not belong in a state store. Keys not known yet
 *       (num_train_epochs, train_batch_size, learning_rate before the first step) are absent, not null.
 *       {@code total_flos} is 0.0. {@code is_final} becomes true on RunFinished.</li>
 *   <li>{@code EvalMetrics} on_predict is never available: no event of ours carries predictions. On_evaluate gives
 *       the latest EvalCompleted's metrics plus the run's epoch (of the last step) and the event's step.</li>
 *   <li>One history per run serves every {@code HistoryBasedMetric} window: it keeps as many entries as the largest
 *       window the rules ask for ({@link io.coxswain.streams.rules.metrics.MetricSpec#historyCapacity}), and a
 *       window is the tail. A negative (unbounded) or larger window is capped at
 *       {@link io.coxswain.streams.rules.metrics.MetricSpec#MAX_WINDOW} entries; window 0 is rejected.
 *       Asking for a window larger than the state keeps is a programming error (IllegalArgumentException).</li>
 *   <li>History "metrics" has one list per eval key seen in the window (first-appearance order), null where an
 *       evaluation lacks the key, so every list lines up with "steps" and "epoch".</li>
 *   <li>A RunStarted (fresh or resumed) sets the plan and num_train_epochs and clears is_final; global_step becomes
 *       resumedFromStep when given; losses, evaluations and history are kept.</li>
 *   <li>NaN and infinite losses are passed through as Double NaN/Infinity.</li>
 * </ul>
 */
package io.coxswain.streams.rules.metrics;
