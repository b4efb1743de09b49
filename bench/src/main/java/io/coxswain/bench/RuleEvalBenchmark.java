package io.coxswain.bench;

import io.coxswain.streams.rules.expr.CompiledRule;
import io.coxswain.streams.rules.expr.Rules;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one controller rule costs to evaluate, compiled once, against the metric values of {@link RuleEvalCases}. Each
 * rule runs in a fork of its own; {@link RuleEvalVsSimpleeval} measures all of them in one JVM, side by side with
 * simpleeval.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvalBenchmark {
    @Param({"1-threshold", "2-and", "3-not-decreasing", "4-plateau-mean", "4b-plateau-last5", "5-conditional",
            "6-math", "7-avg"})
    public String rule;

    private CompiledRule compiled;
    private Map<String, Object> variables;

    @Setup
    public void compile() {
        compiled = Rules.compile(RuleEvalCases.rule(rule).text());
        variables = RuleEvalCases.variables();
    }

    @Benchmark
    public boolean evaluate() {
        return compiled.test(variables);
    }
}
