package io.coxswain.bench;

import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.DiscardingEventSink;
import io.coxswain.agent.events.EventListener;
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
 * every variant once, the order rotating from round to round; short runs and many rounds, so that the machine's
 * drifts hit every variant alike. The first {@code --skip} steps of each run are left out. The overhead is read from
 * each round's median step over the bare loop's in the same round, and directly as the time each step spends outside
 * the workload's step. Then each agent variant again with the bare loop in lockstep ({@link Lockstep}), the finest
 * alternation there is. Usage: {@code AgentOverheadBench [--steps 600] [--rounds 20] [--skip 100]
 * [--lockstep-rounds 3] [--lockstep-steps 2000] [--bootstrap HOST:PORT]}; without
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
        int steps = Integer.parseInt(opts.getOrDefault("steps", "600"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "20"));
        int skip = Integer.parseInt(opts.getOrDefault("skip", "100"));
        int lockstepRounds = Integer.parseInt(opts.getOrDefault("lockstep-rounds", "3"));
        int lockstepSteps = Integer.parseInt(opts.getOrDefault("lockstep-steps", "2000"));
        Path dir = Files.createTempDirectory("cox-bench-overhead");
        String external = opts.get("bootstrap");
        if (external != null) {
            System.out.println("broker: external, " + external);
            new AgentOverheadBench(external, steps, skip, dir).run(rounds, lockstepRounds, lockstepSteps);
            return;
        }
        System.out.println("broker: embedded in this JVM");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            new AgentOverheadBench(kafka.bootstrap(), steps, skip, dir).run(rounds, lockstepRounds, lockstepSteps);
        }
    }

    private void run(int rounds, int lockstepRounds, int lockstepSteps) throws Exception {
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
        lockstep(lockstepRounds, lockstepSteps);
    }

    private Measured measure(Variant variant, int round) throws Exception {
        TrainingConfig config = config(variant, round, steps);
        if (variant == Variant.BARE) {
            return BareLoop.train(config, skip);
        }
        StepClock clock = new StepClock(skip);
        train(variant, config, clock);
        return new Measured(clock.intervalsMillis(), clock.outsideFitMillis(), clock.losses());
    }

    private TrainingConfig config(Variant variant, int round, int runSteps) {
        return TrainingConfig.builder("bench-overhead-" + variant.name().toLowerCase() + "-" + round + "-"
                        + System.nanoTime()).maxSteps(runSteps).seed(5).learningRate(0.001).evalSteps(100_000_000)
                .checkpointDir(dir.resolve("ckpt")).build();
    }

    private void train(Variant variant, TrainingConfig config, EventListener listener) {
        String runId = config.runId();
        try (TrainerAgent agent = variant == Variant.KAFKA
                ? new TrainerAgent(config, new KafkaEventSink(bootstrap, runId), new KafkaCommandFeed(bootstrap, runId),
                listener)
                : new TrainerAgent(config, new DiscardingEventSink(), new InMemoryCommandFeed(runId), listener)) {
            agent.run();
        }
    }

    /** Each agent variant with the bare loop in lockstep on its training thread ({@link Lockstep}). */
    private void lockstep(int rounds, int runSteps) {
        System.out.println();
        System.out.printf("lockstep: %d runs of %d steps per variant, each agent step paired with the bare step right"
                + " after it%n", rounds, runSteps);
        System.out.println("| agent variant | pairs | agent step p50 | bare step p50 | p50 agent / p50 bare |"
                + " paired ratio: p25 / p50 / p75 | same losses |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Variant variant : List.of(Variant.DISCARDING, Variant.KAFKA)) {
            List<Double> agent = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            boolean same = true;
            for (int round = 0; round < rounds; round++) {
                TrainingConfig config = config(variant, round, runSteps);
                Lockstep pairs = new Lockstep(config, skip);
                train(variant, config, pairs);
                agent.addAll(pairs.agentMillis());
                bare.addAll(pairs.bareMillis());
                ratios.addAll(pairs.ratios());
                same &= pairs.sameLosses();
            }
            Percentiles a = new Percentiles(agent);
            Percentiles b = new Percentiles(bare);
            Percentiles r = new Percentiles(ratios);
            System.out.printf("| %s | %d | %.3f ms | %.3f ms | %+.2f %% | %+.2f / %+.2f / %+.2f %% | %s |%n",
                    variant.name().toLowerCase(), r.count(), a.at(50), b.at(50), 100 * (a.at(50) / b.at(50) - 1),
                    100 * (r.at(25) - 1), 100 * (r.at(50) - 1), 100 * (r.at(75) - 1), same ? "yes" : "NO");
            System.out.printf("goal: agent overhead <= 1 %% of the median step (%s, lockstep): %+.2f %% (median of"
                    + " paired ratios) -> %s%n", variant.name().toLowerCase(), 100 * (r.at(50) - 1),
                    r.at(50) - 1 <= 0.01 ? "met" : "NOT met");
        }
    }

    private static void report(Map<Variant, List<Double>> all, Map<Variant, List<Double>> own,
                               Map<Variant, List<Double>> roundMedians) {
        double bare = new Percentiles(all.get(Variant.BARE)).at(50);
        System.out.println();
        System.out.println("| variant | steps | step p50 | step p90 | step mean | p50 vs bare, pooled | p50 vs bare,"
                + " per round: median (min..max) | outside the fit, p50 |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Variant variant : Variant.values()) {
            List<Double> values = all.get(variant);
            Percentiles p = new Percentiles(values);
            Percentiles paired = new Percentiles(pairedRatios(roundMedians, variant));
            System.out.printf("| %s | %d | %.3f ms | %.3f ms | %.3f ms | %+.2f %% | %+.2f %% (%+.1f..%+.1f %%) |"
                            + " %.1f us |%n", variant.name().toLowerCase(), p.count(), p.at(50), p.at(90),
                    mean(values), 100 * (p.at(50) / bare - 1), 100 * (paired.at(50) - 1), 100 * (paired.at(0) - 1),
                    100 * (paired.at(100) - 1), 1000 * new Percentiles(own.get(variant)).at(50));
        }
        double bareOwn = new Percentiles(own.get(Variant.BARE)).at(50);
        for (Variant variant : List.of(Variant.DISCARDING, Variant.KAFKA)) {
            double ratio = new Percentiles(pairedRatios(roundMedians, variant)).at(50) - 1;
            double added = new Percentiles(own.get(variant)).at(50) - bareOwn;
            System.out.printf("goal: agent overhead <= 1 %% of the median step (%s): %+.2f %% by per-round medians ->"
                            + " %s; the agent's own work between fits: %.1f us more than the bare loop's, %.2f %% of"
                            + " the bare median step%n", variant.name().toLowerCase(), 100 * ratio,
                    ratio <= 0.01 ? "met" : "NOT met", 1000 * added, 100 * added / bare);
        }
    }

    /** Per round, the variant's median step over the bare loop's median step in the same round. */
    private static List<Double> pairedRatios(Map<Variant, List<Double>> roundMedians, Variant variant) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < roundMedians.get(variant).size(); round++) {
            ratios.add(roundMedians.get(variant).get(round) / roundMedians.get(Variant.BARE).get(round));
        }
        return ratios;
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
