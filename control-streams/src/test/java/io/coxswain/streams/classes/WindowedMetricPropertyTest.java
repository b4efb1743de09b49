package io.coxswain.streams.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** For random series, the window's summary equals a naive recomputation and the state holds only the window. */
class WindowedMetricPropertyTest {

    /** One step of a random run: how many steps after the last (0: the same step again) and its loss. */
    record Move(int gap, double loss) {
    }

    /** A point of the naive model, at its position in the unit. */
    record Point(double x, double y) {
    }

    @Property(tries = 300)
    void theSummaryIsANaiveRecomputationOverTheWindow(@ForAll("moves") @Size(max = 80) List<Move> moves,
            @ForAll @DoubleRange(min = 0.5, max = 25) double window, @ForAll boolean seconds) {
        MetricFunction function = new WindowedMetric().create(Map.of("source", "loss", "window", window,
                "unit", seconds ? "seconds" : "steps"));
        List<Point> all = new ArrayList<>();
        JsonNode state = null;
        long step = 0;
        Instant time = RunEvents.T0;
        for (Move move : moves) {
            step += move.gap();
            time = time.plusMillis(1_500L * move.gap());
            state = function.apply(state, ClassEvents.step(step, time, step / 100.0, move.loss(), true, null));
            if (Double.isFinite(move.loss())) {
                double x = seconds ? time.getEpochSecond() + time.getNano() / 1e9 : step;
                all.removeIf(p -> !seconds && p.x() == x);
                all.add(new Point(x, move.loss()));
            }
            check(function, state, inWindow(all, window));
        }
    }

    private static List<Point> inWindow(List<Point> all, double window) {
        if (all.isEmpty()) {
            return all;
        }
        double latest = all.get(all.size() - 1).x();
        return all.stream().filter(p -> latest - p.x() < window).toList();
    }

    private static void check(MetricFunction function, JsonNode state, List<Point> expected) {
        assertThat(state.get("x").size()).isEqualTo(expected.size()).isLessThanOrEqualTo(WindowedMetric.MAX_POINTS);
        MetricValue value = ClassEvents.value(function, state);
        if (expected.isEmpty()) {
            assertThat(value.available()).isFalse();
            return;
        }
        Map<?, ?> w = (Map<?, ?>) value.value();
        double[] ys = expected.stream().mapToDouble(Point::y).toArray();
        double sum = 0;
        for (double y : ys) {
            sum += y;
        }
        assertThat((Double) w.get("mean")).isCloseTo(sum / ys.length, within(1e-9));
        assertThat(w.get("min")).isEqualTo(expected.stream().mapToDouble(Point::y).min().orElseThrow());
        assertThat(w.get("max")).isEqualTo(expected.stream().mapToDouble(Point::y).max().orElseThrow());
        assertThat(w.get("count")).isEqualTo((long) ys.length);
        assertThat(w.get("first")).isEqualTo(ys[0]);
        assertThat(w.get("last")).isEqualTo(ys[ys.length - 1]);
        assertThat(w.get("span")).isEqualTo(expected.get(expected.size() - 1).x() - expected.get(0).x());
        checkSlope((Double) w.get("slope"), expected);
    }

    /** The slope by the textbook formula: (n sum xy - sum x sum y) / (n sum x^2 - (sum x)^2), x from the first. */
    private static void checkSlope(Double slope, List<Point> points) {
        double x0 = points.get(0).x();
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            double x = p.x() - x0;
            sx += x;
            sy += p.y();
            sxy += x * p.y();
            sxx += x * x;
        }
        double denominator = n * sxx - sx * sx;
        if (points.size() < 2 || denominator == 0) {
            assertThat(slope).isNull();
        } else {
            assertThat(slope).isCloseTo((n * sxy - sx * sy) / denominator, within(1e-6 * (1 + Math.abs(slope))));
        }
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        Arbitrary<Double> loss = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.doubles().between(-100, 100)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY)));
        return Combinators.combine(Arbitraries.integers().between(0, 3), loss).as(Move::new).list();
    }
}
