package io.coxswain.bench;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.StepCompleted;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What one StepCompleted costs to write and read: the per-step price of the agent's instrumentation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private final EventCodec codec = new EventCodec();
    private final EventEnvelope step = new EventEnvelope(
            new EventHeader("6f1c9a9e-1111-4c3e-9d7a-0d5c1e2f3a4b", "run-1", "exp-1", 42, 41, Instant.now()),
            new StepCompleted(0.42, 0.42, 3360, 32, 0.6931, 1.25, 0.001, 0.004, true, false, null));
    private final byte[] encoded = codec.encode(step);

    @Benchmark
    public byte[] encodeStepCompleted() {
        return codec.encode(step);
    }

    @Benchmark
    public Decoded<EventEnvelope> decodeStepCompleted() {
        return codec.decode(encoded);
    }
}
