package io.coxswain.bench;

import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.DiscardingEventSink;
import io.coxswain.agent.kafka.KafkaCommandFeed;
import io.coxswain.agent.kafka.KafkaEventSink;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the trainer agent costs per step against a bare DL4J loop, side by side in one JVM on the same mlp-blobs
 * network (same seed) and the same batches:
 * <ul>
 *   <li>{@code bare}: the workload's {@code step} called in a loop on batches drawn beforehand; nothing else;</li>
 *   <li>{@code discarding}: the whole TrainerAgent loop (sampler, command handling, one StepCompleted per step)
 *   with a discarding sink and an in-memory feed;</li>
 *   <li>{@code kafka}: the same with the Kafka event sink and command feed on a real broker.</li>
 * </ul>
 * Per-step wall time is the time between consecutive step ends (for the agent, consecutive StepCompleted events as the
 * training thread publishes them). One untimed warm-up run of each variant, then {@code --rounds} rounds, each running
 * every variant once, the order rotating from round to round. The first {@code --skip} steps of each run are left
 * out. Usage: {@code AgentOverheadBench [--steps 2000] [--rounds 6] [--skip 100] [--bootstrap HOST:PORT]}; without
 * {@code --bootstrap} the broker runs inside this JVM.
 */
public final class AgentOverheadBench {
    enum Variant { BARE, DISCARDING, KAFKA }

    private final String bootstrap;
    private final int steps;
    private final int skip;
    private final Path dir;

    private AgentOverheadBench(String bootstrap, int steps, int skip, Path dir) {
        this.bootstrap = bootstrap;
        this.steps = steps;
        this.skip = skip;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        int steps = Integer.parseInt(opts.getOrDefault("steps", "2000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "6"));
        int skip = Integer.parseInt(opts.getOrDefault("skip", "100"));
        Path dir = Files.createTempDirectory("cox-bench-overhead");
        String external = opts.get("bootstrap");
        if (external != null) {
            System.out.println("broker: external, " + external);
            new AgentOverheadBench(external, steps, skip, dir).run(rounds);
            return;
        }
        System.out.println("broker: embedded in this JVM");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            new AgentOverheadBench(kafka.bootstrap(), steps, skip, dir).run(rounds);
        }
    }

    private void run(int rounds) throws Exception {
        System.out.printf("mlp-blobs, batch 32, Adam, %d steps per run, first %d left out, %d rounds%n", steps, skip,
                rounds);
        Map<Variant, Measured> warmUp = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            warmUp.put(variant, measure(variant, -1));
        }
        System.out.println("same losses, bare vs agent (same network, same batches): "
                + (warmUp.get(Variant.BARE).losses().equals(warmUp.get(Variant.DISCARDING).losses()) ? "yes" : "NO"));
        Map<Variant, List<Double>> all = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> own = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> roundMedians = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            all.put(variant, new ArrayList<>());
            own.put(variant, new ArrayList<>());
            roundMedians.put(variant, new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < Variant.values().length; i++) {
                Variant variant = Variant.values()[(i + round) % Variant.values().length];
                Measured measured = measure(variant, round);
                all.get(variant).addAll(measured.intervals());
                own.get(variant).addAll(measured.outsideFit());
                roundMedians.get(variant).add(new Percentiles(measured.intervals()).at(50));
            }
        }
        report(all, own, roundMedians);
    }

    private Measured measure(Variant variant, int round) throws Exception {
        TrainingConfig config = TrainingConfig.builder("bench-overhead-" + variant.name().toLowerCase() + "-" + round
                        + "-" + System.nanoTime()).maxSteps(steps).seed(5).learningRate(0.001).evalSteps(100_000_000)
                .checkpointDir(dir.resolve("ckpt")).build();
        if (variant == Variant.BARE) {
            return BareLoop.train(config, skip);
        }
        StepClock clock = new StepClock(skip);
        String runId = config.runId();
        try (TrainerAgent agent = variant == Variant.KAFKA
                ? new TrainerAgent(config, new KafkaEventSink(bootstrap, runId), new KafkaCommandFeed(bootstrap, runId),
                clock)
                : new TrainerAgent(config, new DiscardingEventSink(), new InMemoryCommandFeed(runId), clock)) {
            agent.run();
        }
        return new Measured(clock.intervalsMillis(), clock.outsideFitMillis(), clock.losses());
    }

    private static void report(Map<Variant, List<Double>> all, Map<Variant, List<Double>> own,
                               Map<Variant, List<Double>> roundMedians) {
        double bare = new Percentiles(all.get(Variant.BARE)).at(50);
        System.out.println();
        System.out.println("| variant | steps | step p50 | step p90 | step mean | p50 vs bare | per-round p50 (ms) |"
                + " outside the fit, p50 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Variant variant : Variant.values()) {
            List<Double> values = all.get(variant);
            Percentiles p = new Percentiles(values);
            System.out.printf("| %s | %d | %.3f ms | %.3f ms | %.3f ms | %+.2f %% | %s | %.1f us |%n",
                    variant.name().toLowerCase(), p.count(), p.at(50), p.at(90), mean(values),
                    100 * (p.at(50) / bare - 1), roundMedians.get(variant).stream()
                            .map(v -> String.format("%.3f", v)).toList(),
                    1000 * new Percentiles(own.get(variant)).at(50));
        }
        for (Variant variant : List.of(Variant.DISCARDING, Variant.KAFKA)) {
            double ratio = new Percentiles(all.get(variant)).at(50) / bare - 1;
            double ownShare = new Percentiles(own.get(variant)).at(50) / bare;
            System.out.printf("goal: agent overhead <= 1 %% of the median step (%s): %+.2f %% by medians -> %s;"
                            + " time outside the fit per step: %.2f %% of the median step%n",
                    variant.name().toLowerCase(), 100 * ratio, ratio <= 0.01 ? "met" : "NOT met", 100 * ownShare);
        }
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * One run's per-step wall times, the part of each spent outside the workload's step (agent work: sampling,
     * commands, events), and the losses.
     */
    record Measured(List<Double> intervals, List<Double> outsideFit, List<Double> losses) {
    }
}
