package io.coxswain.bench;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a restart costs: {@code cox train} started fresh, SIGKILLed after {@code --kill-after} steps (checkpoints every
 * {@code --save-steps}), then {@code cox train --resume}, each in a JVM of its own, {@code --rounds} times per
 * workload. Per start it reports the agent's own figure ({@code RunStarted.restartCostSeconds}: JVM start to the
 * first step, the checkpoint loaded) and the outside view (process start to the first new StepCompleted read back
 * from Kafka here; for a resume, the first step after the last one published before the kill, so it includes
 * re-executing the steps since the checkpoint). Usage: {@code ResumeBench [--workloads mlp-blobs,cnn-shapes]
 * [--rounds 3] [--kill-after 250] [--save-steps 100] [--bootstrap HOST:PORT]}.
 */
public final class ResumeBench {
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final String bootstrap;
    private final Path dir;
    private final int killAfter;
    private final int saveSteps;

    /** One start of a run: the agent's restart cost, seconds to the first new step seen here, and steps re-run. */
    record Start(double restartCost, double toFirstNewStep, long replayed) {
    }

    private ResumeBench(String bootstrap, Path dir, int killAfter, int saveSteps) {
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.killAfter = killAfter;
        this.saveSteps = saveSteps;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        List<String> workloads = List.of(opts.getOrDefault("workloads", "mlp-blobs,cnn-shapes").split(","));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int killAfter = Integer.parseInt(opts.getOrDefault("kill-after", "250"));
        int saveSteps = Integer.parseInt(opts.getOrDefault("save-steps", "100"));
        Path dir = Files.createTempDirectory("cox-bench-resume");
        String external = opts.get("bootstrap");
        if (external != null) {
            System.out.println("broker: external, " + external);
            new ResumeBench(external, dir, killAfter, saveSteps).run(workloads, rounds);
            return;
        }
        System.out.println("broker: embedded in this JVM");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            new ResumeBench(kafka.bootstrap(), dir, killAfter, saveSteps).run(workloads, rounds);
        }
    }

    private void run(List<String> workloads, int rounds) throws Exception {
        System.out.printf("kill -9 after step %d, checkpoints every %d steps, %d rounds per workload%n", killAfter,
                saveSteps, rounds);
        Map<String, List<Start[]>> results = new LinkedHashMap<>();
        for (String workload : workloads) {
            results.put(workload, new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                Start[] pair = freshThenResumed(workload, round);
                System.out.printf("%s round %d: fresh %.2f s (first step seen after %.2f s); resumed %.2f s (first"
                                + " new step seen after %.2f s, %d steps re-executed)%n", workload, round,
                        pair[0].restartCost(), pair[0].toFirstNewStep(), pair[1].restartCost(),
                        pair[1].toFirstNewStep(), pair[1].replayed());
                results.get(workload).add(pair);
            }
        }
        System.out.println();
        System.out.println("| workload | start | restartCostSeconds p50 (min-max) | process start -> first new step"
                + " p50 (min-max) | steps re-executed |");
        System.out.println("|---|---|---|---|---|");
        results.forEach((workload, pairs) -> {
            for (int which = 0; which < 2; which++) {
                int w = which;
                List<Double> costs = pairs.stream().map(p -> p[w].restartCost()).toList();
                List<Double> firsts = pairs.stream().map(p -> p[w].toFirstNewStep()).toList();
                System.out.printf("| %s | %s | %s | %s | %s |%n", workload, which == 0 ? "fresh" : "--resume",
                        summary(costs), summary(firsts), pairs.stream().map(p -> p[w].replayed()).toList());
            }
        });
    }

    private Start[] freshThenResumed(String workload, int round) throws Exception {
        String runId = "resume-" + workload + "-" + round + "-" + System.currentTimeMillis();
        Path home = dir.resolve("home");
        try (RunEventsTail tail = new RunEventsTail(bootstrap, runId)) {
            CoxChild fresh = CoxChild.start(dir.resolve(runId + "-fresh.out"), "train", "--home", home.toString(),
                    "--bootstrap", bootstrap, "--run-id", runId, "--workload", workload, "--steps", "100000000",
                    "--seed", "7", "--save-strategy", "steps", "--save-steps", String.valueOf(saveSteps));
            RunStarted freshStarted = (RunStarted) tail.next(e -> e.event() instanceof RunStarted, WAIT)
                    .envelope().event();
            RunEventsTail.Seen firstStep = tail.next(e -> e.event() instanceof StepCompleted, WAIT);
            tail.next(e -> e.event() instanceof StepCompleted && e.step() >= killAfter, WAIT);
            fresh.kill();
            long lastPublished = tail.readToEnd().stream().map(RunEventsTail.Seen::envelope)
                    .filter(e -> e.event() instanceof StepCompleted).mapToLong(EventEnvelope::step).max()
                    .orElseThrow();
            Start freshStart = new Start(freshStarted.restartCostSeconds(),
                    (firstStep.nanos() - fresh.startedNanos()) / 1e9, 0);

            CoxChild resumed = CoxChild.start(dir.resolve(runId + "-resumed.out"), "train", "--home",
                    home.toString(), "--bootstrap", bootstrap, "--run-id", runId, "--resume");
            EventEnvelope begun = tail.next(e -> e.event() instanceof RunStarted || e.event() instanceof RunFinished,
                    WAIT).envelope();
            if (!(begun.event() instanceof RunStarted again)) {
                resumed.stop();
                throw new IllegalStateException("cox train --resume of " + runId + " did not start: " + begun.event());
            }
            RunEventsTail.Seen firstNew = tail.next(e -> e.event() instanceof StepCompleted
                    && e.step() > lastPublished, WAIT);
            resumed.stop();
            return new Start[]{freshStart, new Start(again.restartCostSeconds(),
                    (firstNew.nanos() - resumed.startedNanos()) / 1e9, lastPublished - again.resumedFromStep())};
        }
    }

    private static String summary(List<Double> seconds) {
        Percentiles p = new Percentiles(seconds);
        return String.format("%.2f s (%.2f-%.2f)", p.at(50), p.at(0), p.at(100));
    }
}
