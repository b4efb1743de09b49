package io.coxswain.streams.classes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.TracMetricClass;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metric class {@code WindowedMetric}: one series summed up over a window of steps, epochs or wall-clock seconds,
 * so that rules can look at several time scales of the same run.
 *
 * <p>Arguments:
 * <ul>
 *   <li>{@code source} (required): {@code loss} (the loss of every StepCompleted), {@code logged_loss} (of logged
 *       steps only), {@code grad_norm}, {@code learning_rate}, {@code batch_size}, {@code step_seconds} (of every
 *       StepCompleted), or {@code eval:<key>}, e.g. {@code eval:eval_loss} (that metric of each EvalCompleted);</li>
 *   <li>{@code window} (required): a positive number of units;</li>
 *   <li>{@code unit}: {@code steps} (the default: the events' step), {@code epochs} (StepCompleted's fractional epoch;
 *       an evaluation counts at the epoch of the last step before it) or {@code seconds} (the events' header time).</li>
 * </ul>
 *
 * <p>Value: the dict {@code {"mean", "min", "max", "slope", "first", "last", "count", "span"}} over the points whose
 * position is within {@code window} of the latest point's, {@code latest - position < window} (a window of 5 steps
 * holds steps 6..10 at step 10). {@code slope} is the least-squares slope per unit, None with fewer than 2 points or
 * all at one position; {@code span} is the distance from the window's first point to its last, in the unit;
 * {@code count} is an integer, the others floats. Missing until the first point.
 *
 * <p>Non-finite values (NaN, infinity) are not points: the built-in {@code Loss} metric sees those. Positions never go
 * back: a point before the latest one (a run resumed from an older checkpoint) first drops the points after it (the
 * window refills from there; points that had already left it do not come back), and in steps a point at the same
 * step replaces the earlier one (a redelivered step).
 *
 * <p>State: the window's points as two parallel arrays {@code {"x": [positions], "y": [values]}} (plus {@code "e"},
 * the last step's epoch, for evaluations counted in epochs). It holds only the points still in the window, and at
 * most {@value #MAX_POINTS}: past that the oldest are dropped, so a window that would hold more spans less.
 */
public final class WindowedMetric implements TracMetricClass {
    /** The name a controller file writes in {@code class}. */
    public static final String CLASS_NAME = "WindowedMetric";
    /** The most points a window keeps. */
    public static final int MAX_POINTS = 10_000;

    private static final Set<String> ARGUMENTS = Set.of("source", "window", "unit");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The instance {@link java.util.ServiceLoader} creates. */
    public WindowedMetric() {
    }

    @Override
    public String className() {
        return CLASS_NAME;
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(
                Arguments.onlyKnown(arguments, ARGUMENTS),
                Args.required(arguments, "source"),
                Source.problem(arguments.get("source")),
                Args.required(arguments, "window"),
                Args.positiveNumber(arguments, "window"),
                Unit.problem(arguments.get("unit")));
    }

    @Override
    public MetricFunction create(Map<String, Object> arguments) {
        return new Window(new Source((String) arguments.get("source")), Args.number(arguments, "window", 0),
                Unit.of(arguments.get("unit")));
    }

    /** Where the points' values come from: a StepCompleted field or an EvalCompleted metric. */
    private record Source(String name) {
        private static final String EVAL = "eval:";
        private static final List<String> STEP_FIELDS = List.of("loss", "logged_loss", "grad_norm", "learning_rate",
                "batch_size", "step_seconds");

        static Optional<String> problem(Object value) {
            if (value == null || STEP_FIELDS.contains(value)) {
                return Optional.empty();
            }
            if (value instanceof String text && text.startsWith(EVAL)) {
                return text.length() > EVAL.length() ? Optional.empty() : Optional.of(
                        "argument 'source' needs a metric name after 'eval:', e.g. eval:eval_loss");
            }
            return Optional.of("argument 'source' must be " + String.join(", ", STEP_FIELDS)
                    + " or eval:<key>, got '" + value + "'");
        }

        boolean evaluation() {
            return name.startsWith(EVAL);
        }

        /** The value this event gives, or null when it gives none. */
        Double read(RunEvent event) {
            if (evaluation()) {
                return event instanceof EvalCompleted e ? e.metrics().get(name.substring(EVAL.length())) : null;
            }
            if (!(event instanceof StepCompleted s)) {
                return null;
            }
            return switch (name) {
                case "loss" -> s.loss();
                case "logged_loss" -> s.logged() ? s.loss() : null;
                case "grad_norm" -> s.gradNorm();
                case "learning_rate" -> s.learningRate();
                case "batch_size" -> (double) s.batchSize();
                case "step_seconds" -> s.stepSeconds();
                default -> throw new IllegalStateException("unchecked source " + name);
            };
        }

        String missing() {
            if (evaluation()) {
                return "no EvalCompleted with metric '" + name.substring(EVAL.length()) + "' yet";
            }
            return "logged_loss".equals(name) ? "no logged StepCompleted yet" : "no StepCompleted yet";
        }
    }

    /** How points are placed: by step, by epoch or by wall-clock second. */
    private enum Unit {
        STEPS, EPOCHS, SECONDS;

        static Optional<String> problem(Object value) {
            if (value == null || "steps".equals(value) || "epochs".equals(value) || "seconds".equals(value)) {
                return Optional.empty();
            }
            return Optional.of("argument 'unit' must be steps, epochs or seconds, got '" + value + "'");
        }

        static Unit of(Object value) {
            return value == null ? STEPS : valueOf(((String) value).toUpperCase(Locale.ROOT));
        }

        double position(EventEnvelope event, double lastEpoch) {
            return switch (this) {
                case STEPS -> event.step();
                case EPOCHS -> event.event() instanceof StepCompleted s ? s.epoch() : lastEpoch;
                case SECONDS -> seconds(event.header().time());
            };
        }

        private static double seconds(Instant time) {
            return time.getEpochSecond() + time.getNano() / 1e9;
        }
    }

    /** The metric of one controller file: folds points into the window, sums the window up. */
    private record Window(Source source, double width, Unit unit) implements MetricFunction {

        @Override
        public JsonNode apply(JsonNode state, EventEnvelope event) {
            Double value = source.read(event.event());
            boolean point = value != null && Double.isFinite(value);
            StepCompleted epochStep = tracksEpoch() && event.event() instanceof StepCompleted s ? s : null;
            if (state != null && !point && epochStep == null) {
                return state;
            }
            Points points = Points.of(state);
            double epoch = epochStep != null ? epochStep.epoch() : points.epoch();
            if (!point) {
                return points.withEpoch(epoch).toJson();
            }
            double x = unit.position(event, points.epoch());
            return points.add(x, value, unit == Unit.STEPS, width).withEpoch(epoch).toJson();
        }

        private boolean tracksEpoch() {
            return unit == Unit.EPOCHS && source.evaluation();
        }

        @Override
        public MetricValue value(JsonNode state, MetricContext context) {
            Points points = Points.of(state);
            return points.x().length == 0 ? MetricValue.missing(source.missing()) : MetricValue.of(points.summary());
        }
    }

    /** A window's points, oldest first, and the last step's epoch, as read from or written to the state. */
    private record Points(double[] x, double[] y, double epoch) {

        static Points of(JsonNode state) {
            if (state == null) {
                return new Points(new double[0], new double[0], 0);
            }
            return new Points(doubles(state.path("x")), doubles(state.path("y")), state.path("e").asDouble(0));
        }

        private static double[] doubles(JsonNode array) {
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = array.get(i).asDouble();
            }
            return values;
        }

        /**
         * These points and ({@code px}, {@code py}): first without the points after {@code px} (also those at
         * {@code px} when {@code replaceSame}), then without those {@code width} or more before it, then at most
         * {@link #MAX_POINTS}.
         */
        Points add(double px, double py, boolean replaceSame, double width) {
            int end = x.length;
            while (end > 0 && (x[end - 1] > px || (replaceSame && x[end - 1] == px))) {
                end--;
            }
            int start = Math.max(0, end + 1 - MAX_POINTS);
            while (start < end && px - x[start] >= width) {
                start++;
            }
            int size = end - start + 1;
            double[] nx = new double[size];
            double[] ny = new double[size];
            System.arraycopy(x, start, nx, 0, size - 1);
            System.arraycopy(y, start, ny, 0, size - 1);
            nx[size - 1] = px;
            ny[size - 1] = py;
            return new Points(nx, ny, epoch);
        }

        Points withEpoch(double lastEpoch) {
            return new Points(x, y, lastEpoch);
        }

        JsonNode toJson() {
            ObjectNode node = NODES.objectNode();
            ArrayNode xs = node.putArray("x");
            ArrayNode ys = node.putArray("y");
            for (int i = 0; i < x.length; i++) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
            if (epoch != 0) {
                node.put("e", epoch);
            }
            return node;
        }

        /** The rule value: mean, min, max, slope, first, last, count and span. Needs at least one point. */
        Map<String, Object> summary() {
            int n = y.length;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : y) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("mean", sum / n);
            value.put("min", min);
            value.put("max", max);
            value.put("slope", slope(sum / n));
            value.put("first", y[0]);
            value.put("last", y[n - 1]);
            value.put("count", (long) n);
            value.put("span", x[n - 1] - x[0]);
            return Collections.unmodifiableMap(value);
        }

        /** The least-squares slope of y over x, or null with fewer than 2 points or no spread in x. */
        private Double slope(double meanY) {
            if (x.length < 2) {
                return null;
            }
            double meanX = 0;
            for (double v : x) {
                meanX += v;
            }
            meanX /= x.length;
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < x.length; i++) {
                double dx = x[i] - meanX;
                sxy += dx * (y[i] - meanY);
                sxx += dx * dx;
            }
            return sxx > 0 ? sxy / sxx : null;
        }
    }
}
