package io.coxswain.protocol;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid events, for properties over the whole value space. */
public final class RandomEvents {
    private RandomEvents() {
    }

    public static Arbitrary<EventEnvelope> stepCompleted() {
        Arbitrary<StepCompleted> bodies = Combinators.combine(
                        anyDouble().list().ofSize(6),
                        Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.of(true, false).list().ofSize(2),
                        anyDouble().list().ofMaxSize(8).injectNull(0.3))
                .as((d, samplesSeen, batchSize, flags, sampleLosses) -> new StepCompleted(d.get(0), d.get(1),
                        samplesSeen, batchSize, d.get(2), d.get(3), d.get(4), d.get(5), flags.get(0), flags.get(1),
                        sampleLosses));
        return Combinators.combine(headers(), bodies).as(EventEnvelope::new);
    }

    public static Arbitrary<EventHeader> headers() {
        return Combinators.combine(
                        ids(), ids(),
                        ids().injectNull(0.3),
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        instants())
                .as(EventHeader::new);
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(36);
    }

    /** Every double: typical training values, any bit pattern, NaN, the infinities, -0.0 and the extremes. */
    public static Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1_000, 1_000).ofScale(9),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE));
    }

    /** Instants from 1970 to 2200, with any nanosecond. */
    public static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 7_258_118_400L),
                        Arbitraries.longs().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }
}
