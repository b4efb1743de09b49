package io.coxswain.streams.rules.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HistoryWindowPropertyTest {

    /** One step of a random run: logged or not, and whether an evaluation follows it. */
    record Move(double loss, boolean logged, boolean evaluate) {
    }

    @Property
    void historyWindowIsTheLastNLoggedLossesOfTheWholeRun(@ForAll("moves") @Size(max = 60) List<Move> moves,
                                                         @ForAll @IntRange(min = 1, max = 20) int window,
                                                         @ForAll @IntRange(min = 0, max = 10) int extraCapacity) {
        RunMetrics state = RunMetrics.initial(window + extraCapacity);
        List<Object> losses = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        List<Object> evalSteps = new ArrayList<>();
        long step = 0;
        for (Move move : moves) {
            step++;
            state = state.apply(MetricEvents.step(step, step / 10.0, move.loss(), move.logged(), false));
            if (move.logged()) {
                losses.add(move.loss());
                steps.add(step);
            }
            if (move.evaluate()) {
                state = state.apply(MetricEvents.evaluated(step, "eval_loss", move.loss()));
                evalSteps.add(step);
            }
        }

        Map<?, ?> value = (Map<?, ?>) state.value(new MetricSpec.HistoryBasedMetric(window)).orElseThrow();
        Map<?, ?> trainingLoss = (Map<?, ?>) value.get("training_loss");
        Map<?, ?> metrics = (Map<?, ?>) value.get("metrics");

        assertEquals(last(window, losses), trainingLoss.get("loss"));
        assertEquals(last(window, steps), trainingLoss.get("steps"));
        assertEquals(last(window, evalSteps), metrics.get("steps"));
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        Arbitrary<Double> loss = Arbitraries.oneOf(Arbitraries.doubles().between(0, 10),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY));
        return net.jqwik.api.Combinators.combine(loss, Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(Move::new).list();
    }

    private static List<Object> last(int n, List<Object> all) {
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
