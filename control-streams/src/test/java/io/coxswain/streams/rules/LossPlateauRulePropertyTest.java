package io.coxswain.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.streams.rules.LossPlateauEvidence.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/** loss_plateau against its specification, on random loss curves and settings; step n carries losses[n - 1]. */
class LossPlateauRulePropertyTest {
    private static final String RUN = "run-p";

    @Property
    void firesAtMostOnceAndNeverBeforeMinStepsOrAFullWindow(@ForAll("configs") LossPlateauConfig config,
                                                           @ForAll("curves") List<Double> losses) {
        List<Firing> firings = RuleRun.of(new LossPlateauRule(config), events(losses)).firings();

        assertThat(firings).hasSizeLessThanOrEqualTo(1);
        firings.forEach(firing -> assertThat(firing.step())
                .isGreaterThanOrEqualTo(config.minSteps())
                .isGreaterThanOrEqualTo(2L * config.window() - 1));
    }

    @Property
    void firesOnlyWhenNoWindowMeanOfTheLastWindowImprovedOnTheBest(@ForAll("configs") LossPlateauConfig config,
                                                                 @ForAll("curves") List<Double> losses) {
        List<Firing> firings = RuleRun.of(new LossPlateauRule(config), events(losses)).firings();

        for (Firing firing : firings) {
            LossPlateauEvidence evidence = (LossPlateauEvidence) firing.evidence();
            long step = firing.step();
            assertThat(evidence.condition()).isEqualTo(Condition.PLATEAU);
            assertThat(evidence.bestStep()).isLessThanOrEqualTo(step - config.window());
            assertThat(windowMean(losses, evidence.bestStep(), config.window())).isEqualTo(evidence.bestMean());
            assertThat(windowMean(losses, step, config.window())).isEqualTo(evidence.currentMean());
            for (long s = step - config.window() + 1; s <= step; s++) {
                assertThat(windowMean(losses, s, config.window()))
                        .as("window mean at step %d", s)
                        .isGreaterThanOrEqualTo(evidence.bestMean() - config.minDelta());
            }
        }
    }

    @Property
    void firesExactlyWhereAStraightforwardReadingOfTheSpecificationDoes(
            @ForAll("configs") LossPlateauConfig config, @ForAll("curves") List<Double> losses) {
        List<Firing> firings = RuleRun.of(new LossPlateauRule(config), events(losses)).firings();

        OptionalLong expected = expectedPlateauStep(losses, config);
        assertThat(firings.stream().mapToLong(Firing::step).findFirst()).isEqualTo(expected);
        Statistics.label("fires").collect(expected.isPresent());
        Statistics.label("fires").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 15);
            coverage.check(false).percentage(p -> p > 20);
        });
    }

    @Property
    void neverFiresWhileEveryStepImprovesTheMeanByMoreThanMinDelta(@ForAll("configs") LossPlateauConfig config,
                                                                  @ForAll @IntRange(max = 300) int length) {
        double drop = 2 * config.minDelta() + 1e-6;
        List<Double> losses = IntStream.range(0, length).mapToObj(i -> 1_000.0 - drop * i).toList();

        assertThat(RuleRun.of(new LossPlateauRule(config), events(losses)).firings()).isEmpty();
    }

    @Property
    void firesOnANonFiniteLossAtItsStepUnlessItFiredBefore(@ForAll("configs") LossPlateauConfig config,
                                                         @ForAll("curves") List<Double> losses,
                                                         @ForAll("nonFinite") double bad) {
        List<Double> withBad = new ArrayList<>(losses);
        withBad.add(bad);
        long badStep = withBad.size();

        List<Firing> firings = RuleRun.of(new LossPlateauRule(config), events(withBad)).firings();

        OptionalLong plateau = expectedPlateauStep(losses, config);
        assertThat(firings).hasSize(1);
        assertThat(firings.get(0).step()).isEqualTo(plateau.orElse(badStep));
    }

    @Provide
    Arbitrary<LossPlateauConfig> configs() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 20),
                Arbitraries.of(0.0, 0.001, 0.01, 0.1),
                Arbitraries.longs().between(0, 80)
        ).as(LossPlateauConfig::new);
    }

    /** Noise, and random walks that drift down fast or slowly, which reach plateaus or keep improving. */
    @Provide
    Arbitrary<List<Double>> curves() {
        Arbitrary<List<Double>> noise = Arbitraries.doubles().between(0, 2).list().ofMaxSize(200);
        Arbitrary<List<Double>> walks = Arbitraries.doubles().between(-0.05, 0.02).list().ofMaxSize(200)
                .map(LossPlateauRulePropertyTest::walk);
        Arbitrary<List<Double>> flattening = Arbitraries.doubles().between(-0.002, 0.001).ofScale(4).list()
                .ofMinSize(40).ofMaxSize(200).map(LossPlateauRulePropertyTest::walk);
        return Arbitraries.oneOf(noise, walks, flattening);
    }

    @Provide
    Arbitrary<Double> nonFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private static List<Double> walk(List<Double> moves) {
        List<Double> losses = new ArrayList<>();
        double loss = 3.0;
        for (double move : moves) {
            loss = Math.max(0.0, loss + move);
            losses.add(loss);
        }
        return losses;
    }

    private static List<EventEnvelope> events(List<Double> losses) {
        return IntStream.range(0, losses.size()).mapToObj(i -> RunEvents.step(RUN, i + 1, losses.get(i))).toList();
    }

    /** The mean of the {@code window} losses ending at {@code step}, summed oldest first like the rule. */
    private static double windowMean(List<Double> losses, long step, int window) {
        double sum = 0;
        for (long s = step - window + 1; s <= step; s++) {
            sum += losses.get((int) s - 1);
        }
        return sum / window;
    }

    /** The specification read literally, over the whole list: the first step at which a plateau fires. */
    private static OptionalLong expectedPlateauStep(List<Double> losses, LossPlateauConfig config) {
        Double best = null;
        long bestStep = -1;
        for (long step = config.window(); step <= losses.size(); step++) {
            double mean = windowMean(losses, step, config.window());
            if (best == null || mean < best - config.minDelta()) {
                best = mean;
                bestStep = step;
            } else if (step >= config.minSteps() && step - bestStep >= config.window()) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
