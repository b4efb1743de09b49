/**
 * Metric classes beyond TrAC's, plugged in through {@link java.util.ServiceLoader} (registered in
 * {@code META-INF/services/io.coxswain.streams.rules.trac.TracMetricClass}), so a controller file may name them in
 * {@code controller_metrics[].class}:
 *
 * <ul>
 *   <li>{@link io.coxswain.streams.classes.WindowedMetric}: mean, min, max, least-squares slope, first, last, count
 *       and span of one series over a window of steps, epochs or wall-clock seconds;</li>
 *   <li>{@link io.coxswain.streams.classes.DataBatchInspector}: TrAC's data batch inspector, flagging batches whose
 *       loss exceeds a threshold (absolute, or a factor of the moving median) and the per-sample loss spikes in
 *       them.</li>
 * </ul>
 *
 * <p>Both keep a bounded JSON state per run and fail at load, naming the argument, when their arguments are wrong.
 */
package io.coxswain.streams.classes;
