package io.coxswain.streams.classes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.events.BatchFlagged;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.TracMetricClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The metric class {@code DataBatchInspector}, the data batch inspector of the TrAC paper: a batch (one StepCompleted)
 * whose loss exceeds a limit is flagged, and in a flagged batch the samples whose loss spikes are found from
 * {@code StepCompleted.sampleLosses} (sent when the agent samples per-sample losses).
 *
 * <p>Arguments, exactly one of the first two:
 * <ul>
 *   <li>{@code threshold}: the limit, an absolute loss;</li>
 *   <li>{@code factor}: the limit is factor × the median of the up to {@code median_window} (default
 *       {@value #DEFAULT_MEDIAN_WINDOW}, at most {@value #MAX_MEDIAN_WINDOW}) finite batch losses before this one; the
 *       first batch has no limit and is never flagged;</li>
 *   <li>{@code sample_factor} (default 3.0): a sample of a flagged batch spikes when its loss exceeds
 *       sample_factor × the median of the batch's finite sample losses;</li>
 *   <li>{@code keep} (default {@value #DEFAULT_KEEP}, 0 to {@value #MAX_KEEP}): how many flagged batches
 *       {@code recent} remembers.</li>
 * </ul>
 *
 * <p>Value, about the latest batch: {@code {"flagged", "batch_loss", "limit" (None while there is none), "spikes"
 * (indexes into its sampleLosses, ascending), "spike_losses", "spike_count", "flagged_count" (flagged batches so
 * far), "recent": [{"step", "loss", "spikes"}, ...] (the last keep flagged batches, oldest first)}}. Spikes are found
 * in flagged batches only; a flagged batch without sample losses has no spikes and the key {@code "sample_losses":
 * false} (in {@code recent} too). Missing before the first StepCompleted. A NaN loss is never flagged.
 *
 * <p>State: {@code {"h": [the median window's losses], "n": flagged count, "b": {the latest batch}, "r": [recent]}},
 * bounded by the arguments: a batch keeps at most {@value #MAX_SPIKES} spikes (the highest; {@code spike_count}
 * still counts all).
 */
public final class DataBatchInspector implements TracMetricClass {
    /** The name a controller file writes in {@code class}. */
    public static final String CLASS_NAME = "DataBatchInspector";
    public static final int DEFAULT_MEDIAN_WINDOW = 50;
    public static final int MAX_MEDIAN_WINDOW = 10_000;
    public static final double DEFAULT_SAMPLE_FACTOR = 3.0;
    public static final int DEFAULT_KEEP = 20;
    public static final int MAX_KEEP = 1_000;
    /** The most spikes one batch keeps. */
    public static final int MAX_SPIKES = 100;

    private static final Set<String> ARGUMENTS = Set.of("threshold", "factor", "median_window", "sample_factor",
            "keep");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The instance {@link java.util.ServiceLoader} creates. */
    public DataBatchInspector() {
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(
                Arguments.onlyKnown(arguments, ARGUMENTS),
                oneLimit(arguments),
                Args.finiteNumber(arguments, "threshold"),
                Args.positiveNumber(arguments, "factor"),
                Args.integerIn(arguments, "median_window", 1, MAX_MEDIAN_WINDOW),
                Args.positiveNumber(arguments, "sample_factor"),
                Args.integerIn(arguments, "keep", 0, MAX_KEEP));
    }

    private static Optional<String> oneLimit(Map<String, Object> arguments) {
        boolean threshold = arguments.get("threshold") != null;
        boolean factor = arguments.get("factor") != null;
        if (threshold == factor) {
            return Optional.of(threshold ? "give either argument 'threshold' or argument 'factor', not both"
                    : "argument 'threshold' (an absolute loss) or argument 'factor' (times the moving median) "
                    + "is required");
        }
        if (threshold && arguments.get("median_window") != null) {
            return Optional.of("argument 'median_window' applies only with argument 'factor'");
        }
        return Optional.empty();
    }

    @Override
    public MetricFunction create(Map<String, Object> arguments) {
        Object threshold = arguments.get("threshold");
        return new Inspector(threshold == null ? null : ((Number) threshold).doubleValue(),
                Args.number(arguments, "factor", 0),
                Args.integer(arguments, "median_window", DEFAULT_MEDIAN_WINDOW),
                Args.number(arguments, "sample_factor", DEFAULT_SAMPLE_FACTOR),
                Args.integer(arguments, "keep", DEFAULT_KEEP));
    }

    /**
     * The samples of {@code losses} that spike: whose loss exceeds {@code factor} × the median of the finite losses.
     * None when no loss is finite.
     */
    static Spikes spikes(double[] losses, double factor) {
        double[] finite = Arrays.stream(losses).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return Spikes.NONE;
        }
        double limit = factor * median(finite);
        List<Integer> all = IntStream.range(0, losses.length).filter(i -> losses[i] > limit).boxed().toList();
        if (all.size() <= MAX_SPIKES) {
            return new Spikes(all, all.size());
        }
        List<Integer> highest = all.stream().sorted(Comparator.comparing((Integer i) -> losses[i]).reversed())
                .limit(MAX_SPIKES).sorted().toList();
        return new Spikes(highest, all.size());
    }

    /**
     * The spikes of one batch.
     *
     * @param indexes the spiking samples' indexes, ascending: all, or the {@link #MAX_SPIKES} highest
     * @param count   how many samples spike
     */
    record Spikes(List<Integer> indexes, int count) {
        static final Spikes NONE = new Spikes(List.of(), 0);
    }

    /** The median: the middle value, or the mean of the two middle ones. Needs at least one value. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The metric of one controller file.
     *
     * @param threshold the absolute limit, or null to use {@code factor} × the moving median
     */
    private record Inspector(Double threshold, double factor, int medianWindow, double sampleFactor, int keep)
            implements MetricFunction {

        @Override
        public JsonNode apply(JsonNode state, EventEnvelope event) {
            if (!(event.event() instanceof StepCompleted step)) {
                return state != null ? state : NODES.objectNode();
            }
            JsonNode before = state != null ? state : NODES.objectNode();
            double[] history = doubles(before.path("h"));
            Double limit = threshold != null ? threshold : history.length == 0 ? null : factor * median(history);
            boolean flagged = limit != null && step.loss() > limit;
            ObjectNode batch = batch(event.step(), step, limit, flagged);
            ObjectNode next = NODES.objectNode();
            if (threshold == null) {
                next.set("h", history(history, step.loss()));
            }
            next.put("n", before.path("n").asLong() + (flagged ? 1 : 0));
            next.set("b", batch);
            next.set("r", recent(before.path("r"), flagged ? batch : null));
            return next;
        }

        /** A BatchFlagged event when this step's batch was flagged. */
        @Override
        public Optional<RunEvent> report(String ruleSet, String metric, JsonNode state, EventEnvelope event) {
            JsonNode batch = state.path("b");
            if (!(event.event() instanceof StepCompleted) || !batch.path("flagged").asBoolean()
                    || batch.path("step").asLong() != event.step()) {
                return Optional.empty();
            }
            List<Integer> spikes = new ArrayList<>();
            batch.path("spikes").forEach(i -> spikes.add(i.asInt()));
            List<Double> losses = new ArrayList<>();
            batch.path("spike_losses").forEach(l -> losses.add(l.asDouble()));
            return Optional.of(new BatchFlagged(ruleSet, metric, batch.path("loss").asDouble(),
                    batch.path("limit").asDouble(), spikes, losses, batch.path("spike_count").asInt(),
                    !batch.has("sample_losses")));
        }

        private ObjectNode batch(long stepNumber, StepCompleted step, Double limit, boolean flagged) {
            ObjectNode batch = NODES.objectNode();
            batch.put("step", stepNumber);
            batch.put("loss", step.loss());
            batch.put("limit", limit);
            batch.put("flagged", flagged);
            double[] samples = sampleLosses(step);
            Spikes spikes = flagged ? DataBatchInspector.spikes(samples, sampleFactor) : Spikes.NONE;
            ArrayNode indexes = batch.putArray("spikes");
            ArrayNode losses = batch.putArray("spike_losses");
            spikes.indexes().forEach(i -> {
                indexes.add(i);
                losses.add(samples[i]);
            });
            batch.put("spike_count", spikes.count());
            if (flagged && samples.length == 0) {
                batch.put("sample_losses", false);
            }
            return batch;
        }

        /** The batch's sample losses; none when not sent, a missing one as NaN. */
        private static double[] sampleLosses(StepCompleted step) {
            if (step.sampleLosses() == null) {
                return new double[0];
            }
            return step.sampleLosses().stream().mapToDouble(loss -> loss == null ? Double.NaN : loss).toArray();
        }

        private ArrayNode history(double[] history, double loss) {
            ArrayNode next = NODES.arrayNode();
            int from = Double.isFinite(loss) ? Math.max(0, history.length + 1 - medianWindow) : 0;
            for (int i = from; i < history.length; i++) {
                next.add(history[i]);
            }
            if (Double.isFinite(loss)) {
                next.add(loss);
            }
            return next;
        }

        private ArrayNode recent(JsonNode before, ObjectNode flaggedBatch) {
            ArrayNode next = NODES.arrayNode();
            int kept = before.size() + (flaggedBatch != null ? 1 : 0);
            for (int i = Math.max(0, kept - keep); i < before.size(); i++) {
                next.add(before.get(i));
            }
            if (flaggedBatch != null && keep > 0) {
                ObjectNode entry = next.addObject();
                entry.put("step", flaggedBatch.get("step").asLong());
                entry.set("loss", flaggedBatch.get("loss"));
                entry.set("spikes", flaggedBatch.get("spikes"));
                if (flaggedBatch.has("sample_losses")) {
                    entry.put("sample_losses", false);
                }
            }
            return next;
        }

        @Override
        public MetricValue value(JsonNode state, MetricContext context) {
            JsonNode batch = state == null ? null : state.get("b");
            if (batch == null) {
                return MetricValue.missing("no StepCompleted yet");
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("flagged", batch.path("flagged").asBoolean());
            value.put("batch_loss", batch.path("loss").asDouble());
            value.put("limit", batch.path("limit").isNull() ? null : batch.path("limit").asDouble());
            value.put("spikes", longs(batch.path("spikes")));
            value.put("spike_losses", list(doubles(batch.path("spike_losses"))));
            value.put("spike_count", batch.path("spike_count").asLong());
            if (batch.has("sample_losses")) {
                value.put("sample_losses", false);
            }
            value.put("flagged_count", state.path("n").asLong());
            value.put("recent", recentValue(state.path("r")));
            return MetricValue.of(Collections.unmodifiableMap(value));
        }

        private static List<Object> recentValue(JsonNode recent) {
            List<Object> entries = new ArrayList<>(recent.size());
            for (JsonNode node : recent) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("step", node.path("step").asLong());
                entry.put("loss", node.path("loss").asDouble());
                entry.put("spikes", longs(node.path("spikes")));
                if (node.has("sample_losses")) {
                    entry.put("sample_losses", false);
                }
                entries.add(Collections.unmodifiableMap(entry));
            }
            return Collections.unmodifiableList(entries);
        }
    }

    /** The numbers of a JSON array; {@code asDouble} also reads NaN and infinities written as text. */
    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static List<Object> list(double[] values) {
        return Arrays.stream(values).boxed().map(v -> (Object) v).toList();
    }

    private static List<Object> longs(JsonNode array) {
        List<Object> values = new ArrayList<>(array.size());
        array.forEach(item -> values.add(item.asLong()));
        return Collections.unmodifiableList(values);
    }
}
