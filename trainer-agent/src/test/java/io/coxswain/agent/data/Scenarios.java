package io.coxswain.agent.data;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random scenarios: 1 to 3 sources of 1 to 300 samples, batch sizes jumping up and down, weights changing. */
final class Scenarios {
    private Scenarios() {
    }

    static Arbitrary<Scenario> any() {
        return scenarios(Arbitraries.integers().between(1, 3), Arbitraries.of(true, false));
    }

    static Arbitrary<Scenario> singleSource(boolean dropLast) {
        return scenarios(Arbitraries.just(1), Arbitraries.just(dropLast));
    }

    static Arbitrary<Scenario> scenarios(Arbitrary<Integer> sourceCount, Arbitrary<Boolean> dropLast) {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 300).edgeCases(c -> c.includeOnly(1, 2, 300));
        // Small sizes dominate so batches often exceed an epoch's remainder; large ones make the jumps.
        Arbitrary<Integer> batchSize = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 16)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 300)));
        return Combinators.combine(
                Arbitraries.longs(),
                sourceCount.flatMap(n -> size.list().ofSize(n)),
                dropLast,
                batchSize.list().ofMinSize(1).ofMaxSize(12),
                Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(12),
                Arbitraries.of(true, false),
                batchSize.list().ofMinSize(1).ofMaxSize(6)
        ).as(Scenario::new);
    }
}
