package io.coxswain.bench;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.ControlStreamsApp;
import io.coxswain.streams.RulesFeed;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.engine.Emitted;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Control-streams throughput and latency with one TrAC rule set of 10 controllers (loss thresholds, two
 * HistoryBasedMetric windows, TrainingState, patience) over {@code --runs} runs of logged StepCompleted events.
 * <ol>
 *   <li>Engine: the in-memory {@link RuleEngine} over the same events, decoded beforehand, and with decoding: the
 *   reference without Kafka.</li>
 *   <li>Throughput: {@code --steps} steps of every run, encoded beforehand, produced as fast as one producer can;
 *   the app's committed input offsets are sampled every 100 ms. Events/s = events / (first send -> all offsets
 *   committed), and the sustained rate between 10 % and 90 % committed. With exactly-once, offsets are committed
 *   with the commands and state of the same transaction, so a committed offset means processed and visible.</li>
 *   <li>Latency: at half that rate (or {@code --rate}), paced, for {@code --latency-seconds}; the {@code probe}
 *   controller fires on every 50th step (runs start staggered, so 1 event in 50, evenly spread); latency = the
 *   producer's send of the event -> its command read by a read-committed consumer of {@code coxswain.control},
 *   both in this JVM. Once with the app's default commit interval, once with {@code --short-commit-ms}.</li>
 * </ol>
 * The app, producer and consumer share this JVM. Usage: {@code RulesThroughputBench [--runs 1000] [--steps 100]
 * [--latency-seconds 20] [--rate EVENTS_PER_S] [--short-commit-ms 20] [--bootstrap HOST:PORT]}; without
 * {@code --bootstrap} the broker runs inside this JVM.
 */
public final class RulesThroughputBench {
    static final String SET = "bench";
    static final int PROBE_EVERY = 50;
    static final String RULES = """
            controller_metrics:
              - name: loss
                class: Loss
              - name: state
                class: TrainingState
              - name: recent
                class: HistoryBasedMetric
                arguments:
                  window_size: 5
              - name: history
                class: HistoryBasedMetric
                arguments:
                  window_size: 20
            controllers:
              - name: probe
                triggers: [on_log]
                rule: state["global_step"] % 50 == 0
                operations: [hfcontrols.should_save]
              - name: diverged
                triggers: [on_log]
                rule: loss["loss"] > 10
                operations: [hfcontrols.should_training_stop]
              - name: not-finite
                triggers: [on_log]
                rule: loss["loss"] != loss["loss"]
                operations: [hfcontrols.should_training_stop]
              - name: spike
                triggers: [on_log]
                rule: len(recent["training_loss"]["loss"]) == 5 and loss["loss"] > 2 * avg(recent["training_loss"]["loss"])
                patience:
                  patience_threshold: 2
                operations: [hfcontrols.should_log]
              - name: plateau
                triggers: [on_log]
                rule: len(history["training_loss"]["loss"]) == 20 and max(history["training_loss"]["loss"]) - min(history["training_loss"]["loss"]) < 0.001
                patience:
                  patience_threshold: 10
                operations: [hfcontrols.should_training_stop]
              - name: rising
                triggers: [on_log]
                rule: len(history["training_loss"]["loss"]) == 20 and avg(recent["training_loss"]["loss"]) > 1.2 * avg(history["training_loss"]["loss"])
                patience:
                  patience_threshold: 5
                  mode: no_reset_on_failure
                operations: [hfcontrols.should_save, hfcontrols.should_training_stop]
              - name: slow-start
                triggers: [on_log]
                rule: state["global_step"] > 100000 and loss["loss"] > 2
                operations: [hfcontrols.should_training_stop]
              - name: lr-too-high
                triggers: [on_log]
                rule: state["learning_rate"] > 0.5
                operations: [hfcontrols.should_training_stop]
              - name: epoch-report
                triggers: [on_epoch_end]
                rule: loss["loss"] < 0.001
                operations: [hfcontrols.should_log]
              - name: step-budget
                triggers: [on_step_end]
                rule: state["global_step"] >= 1000000
                operations: [hfcontrols.should_training_stop]
            """;
    private static final Duration DRAIN = Duration.ofSeconds(120);

    private final String bootstrap;
    private final Path dir;
    private final int runs;
    private final String appId = "coxswain-bench-rules-" + System.currentTimeMillis();

    private RulesThroughputBench(String bootstrap, Path dir, int runs) {
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        Path dir = Files.createTempDirectory("cox-bench-rules");
        int runs = Integer.parseInt(opts.getOrDefault("runs", "1000"));
        String external = opts.get("bootstrap");
        if (external != null) {
            System.out.println("broker: external, " + external);
            new RulesThroughputBench(external, dir, runs).run(opts);
            return;
        }
        System.out.println("broker: embedded in this JVM");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            new RulesThroughputBench(kafka.bootstrap(), dir, runs).run(opts);
        }
    }

    private void run(Map<String, String> opts) throws Exception {
        int steps = Integer.parseInt(opts.getOrDefault("steps", "100"));
        int latencySeconds = Integer.parseInt(opts.getOrDefault("latency-seconds", "20"));
        Duration shortCommit = Duration.ofMillis(Long.parseLong(opts.getOrDefault("short-commit-ms", "20")));
        System.out.printf("rule set: 10 controllers; %d runs; %d partitions%n", runs, Topics.DEFAULT_PARTITIONS);
        engine(steps);
        EmbeddedKafka.ensureTopics(bootstrap, Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(),
                Topics.DEAD_LETTER.name()), Topics.DEFAULT_PARTITIONS);
        RulesFeed.ensureTopic(bootstrap, Duration.ofSeconds(30));
        RulesFeed.publish(bootstrap, SET, RULES, Duration.ofSeconds(30));
        ControlStreamsConfig config = ControlStreamsConfig.defaults(bootstrap).withApplicationId(appId)
                .withStateDir(dir.resolve("state"));
        double paced;
        try (ControlStreamsApp app = start(config)) {
            throughput("warm", Math.max(1, steps / 10), false);
            double max = throughput("tp", steps, true);
            paced = opts.containsKey("rate") ? Double.parseDouble(opts.get("rate")) : max / 2;
            latency("lat-a", paced, latencySeconds, config.commitInterval());
        }
        try (ControlStreamsApp app = start(config.withCommitInterval(shortCommit))) {
            latency("lat-b", paced, latencySeconds, shortCommit);
        }
    }

    private static ControlStreamsApp start(ControlStreamsConfig config) {
        ControlStreamsApp app = new ControlStreamsApp(config);
        app.start();
        if (!app.ruleSets().names().contains(SET)) {
            app.close();
            throw new IllegalStateException("rule set " + SET + " is not running; rule sets: " + app.ruleSets().names());
        }
        return app;
    }

    /** The in-memory engine over decoded events, then over encoded ones (decoding included); 3 rounds each. */
    private void engine(int steps) {
        RuleSet set = RuleSet.load(SET, RULES);
        List<RuleSet> sets = List.of(set);
        List<EventEnvelope> warm = events("engine-warm", steps);
        List<EventEnvelope> events = events("engine", steps);
        List<byte[]> encoded = events.stream().map(Topics.RUN_EVENTS.codec()::encode).toList();
        check(sets, warm);
        for (int round = 1; round <= 3; round++) {
            RuleEngine engine = RuleEngine.inMemory();
            long t0 = System.nanoTime();
            events.forEach(e -> engine.process(e, sets));
            double decoded = events.size() / seconds(t0);
            RuleEngine fresh = RuleEngine.inMemory();
            long t1 = System.nanoTime();
            for (byte[] bytes : encoded) {
                fresh.process(((Decoded.Ok<EventEnvelope>) Topics.RUN_EVENTS.codec().decode(bytes)).value(), sets);
            }
            System.out.printf("engine round %d: %,.0f events/s on decoded events, %,.0f events/s decoding"
                    + " included (%,d events, in memory, one thread)%n", round, decoded,
                    encoded.size() / seconds(t1), events.size());
        }
    }

    /** Fails when the rule set sends reports (failed or skipped rules): it must only fire the probe here. */
    private static void check(List<RuleSet> sets, List<EventEnvelope> events) {
        RuleEngine engine = RuleEngine.inMemory();
        long commands = 0;
        for (EventEnvelope e : events) {
            Emitted emitted = engine.process(e, sets);
            if (!emitted.events().isEmpty()) {
                throw new IllegalStateException("the bench rule set reports " + emitted.events().get(0).event()
                        + " on " + e.header().eventId() + "; fix RULES");
            }
            commands += emitted.commands().size();
        }
        System.out.printf("engine check: %,d events -> %,d commands (the probe: 1 event in %d), no reports%n",
                events.size(), commands, PROBE_EVERY);
    }

    /**
     * Produces {@code steps} steps of every run of prefix {@code prefix} as fast as possible and returns the app's
     * events/s: first send -> every produced offset committed by the app.
     */
    private double throughput(String prefix, int steps, boolean report) throws Exception {
        List<ProducerRecord<String, byte[]>> records = events(prefix, steps).stream().map(e -> new ProducerRecord<>(
                Topics.RUN_EVENTS.name(), e.runId(), Topics.RUN_EVENTS.codec().encode(e))).toList();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<String, byte[]> producer = producer(5)) {
            long base = committed(admin);
            List<double[]> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            records.forEach(producer::send);
            producer.flush();
            double produced = seconds(t0);
            long target = endOffsets(admin);
            long deadline = System.nanoTime() + DRAIN.toNanos();
            long done;
            while ((done = committed(admin) - base) < target - base) {
                samples.add(new double[] {seconds(t0), done});
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the app committed " + done + " of " + (target - base)
                            + " events within " + DRAIN);
                }
                Thread.sleep(100);
            }
            double total = seconds(t0);
            double rate = records.size() / total;
            if (report) {
                System.out.printf("throughput: %,d events (%d steps x %d runs, %d bytes each on average) processed"
                        + " and committed in %.2f s: %,.0f events/s; sustained (10 %% -> 90 %% committed)"
                        + " %,.0f events/s; the producer alone needed %.2f s (%,.0f events/s)%n", records.size(),
                        steps, runs, records.stream().mapToInt(r -> r.value().length).sum() / records.size(), total,
                        rate, sustained(samples, records.size()), produced, records.size() / produced);
                System.out.printf("goal >= 100,000 events/s: %s%n", rate >= 100_000 ? "met" : "NOT met");
            }
            return rate;
        }
    }

    /** The rate between the samples at 10 % and at 90 % of {@code total} committed. */
    private static double sustained(List<double[]> samples, long total) {
        double[] from = samples.stream().filter(s -> s[1] >= 0.1 * total).findFirst().orElse(null);
        double[] to = samples.stream().filter(s -> s[1] >= 0.9 * total).findFirst().orElse(null);
        if (from == null || to == null || to[0] <= from[0]) {
            return Double.NaN;
        }
        return (to[1] - from[1]) / (to[0] - from[0]);
    }

    /**
     * Sends {@code seconds} worth of events at {@code rate} per second, paced, and reports the probe's send ->
     * command latency as a read-committed consumer of {@code coxswain.control} sees it.
     */
    private void latency(String prefix, double rate, int seconds, Duration commitInterval) throws Exception {
        int steps = (int) Math.max(1, Math.round(rate * seconds / runs));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> probes = new ArrayList<>(); // the probe's command id for the events that fire it, else null
        for (EventEnvelope e : events(prefix, steps)) {
            records.add(new ProducerRecord<>(Topics.RUN_EVENTS.name(), e.runId(), Topics.RUN_EVENTS.codec().encode(e)));
            probes.add(e.step() % PROBE_EVERY == 0 ? commandId(e.runId(), e.step()) : null);
        }
        Map<String, Long> sent = new ConcurrentHashMap<>();
        try (CommandClock clock = new CommandClock(bootstrap);
             KafkaProducer<String, byte[]> producer = producer(1)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 100_000) {
                    LockSupport.parkNanos(wait);
                }
                if (probes.get(i) != null) {
                    sent.put(probes.get(i), System.nanoTime());
                }
                producer.send(records.get(i));
            }
            producer.flush();
            double achieved = records.size() / seconds(t0);
            clock.awaitAll(sent.keySet(), Duration.ofSeconds(30));
            report(commitInterval, rate, achieved, records.size(), sent, clock.arrivals());
        }
    }

    private static void report(Duration commitInterval, double rate, double achieved, int events,
                               Map<String, Long> sent, Map<String, Long> arrived) {
        List<double[]> samples = new ArrayList<>(); // {sent at, latency ms}, in send order
        sent.forEach((id, at) -> {
            Long seen = arrived.get(id);
            if (seen != null) {
                samples.add(new double[] {at, (seen - at) / 1e6});
            }
        });
        samples.sort(java.util.Comparator.comparingDouble(s -> s[0]));
        List<Double> millis = samples.stream().map(s -> s[1]).toList();
        Percentiles p = new Percentiles(millis);
        int quarter = Math.max(1, millis.size() / 4);
        System.out.printf("latency, commit interval %d ms, paced at %,.0f events/s (achieved %,.0f; %,d events):"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms over %,d commands (%d never seen)%n",
                commitInterval.toMillis(), rate, achieved, events, p.at(50), p.at(99), p.at(100), p.count(),
                sent.size() - p.count());
        System.out.printf("  p50 over the first / last quarter of the sends: %.1f / %.1f ms (rising: the app fell"
                + " behind the paced rate)%n", new Percentiles(millis.subList(0, quarter)).at(50),
                new Percentiles(millis.subList(millis.size() - quarter, millis.size())).at(50));
        System.out.printf("goal p99 <= 50 ms with commit interval %d ms: %s%n", commitInterval.toMillis(),
                p.at(99) <= 50 && p.count() == sent.size() ? "met" : "NOT met");
    }

    /**
     * Logged StepCompleted events, step by step across runs {@code prefix-0..runs-1}; run i starts at step
     * 1 + i % 50, so the probe fires for an even share of each round. Loss falls with noise; nothing but the probe
     * fires.
     */
    private List<EventEnvelope> events(String prefix, int steps) {
        List<EventEnvelope> events = new ArrayList<>(steps * runs);
        SplittableRandom random = new SplittableRandom(42);
        Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < runs; i++) {
                String runId = prefix + "-" + i;
                long step = 1 + k + i % PROBE_EVERY;
                double loss = 0.3 + 2.5 * Math.exp(-step / 400.0) + random.nextDouble(-0.02, 0.02);
                StepCompleted body = new StepCompleted(step / 100.0, (step % 100) / 100.0, step * 32, 32, loss, 0.5,
                        0.001, 0.02, true, step % 100 == 0, List.of());
                events.add(new EventEnvelope(new EventHeader(runId + "-" + step, runId, "bench", step + 1, step,
                        t0.plusMillis(step * 20)), body));
            }
        }
        return events;
    }

    static String commandId(String runId, long step) {
        return "rule-" + runId + "-" + SET + "-probe-on_log-" + step;
    }

    private KafkaProducer<String, byte[]> producer(int lingerMs) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", lingerMs,
                "batch.size", 256 * 1024, "buffer.memory", 256L * 1024 * 1024), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The app's committed offsets on the run events topic, summed over its partitions. */
    private long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.RUN_EVENTS.name())
                && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** The run events topic's end offsets, summed over its partitions. */
    private static long endOffsets(Admin admin) throws Exception {
        String topic = Topics.RUN_EVENTS.name();
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * Reads {@code coxswain.control} read-committed from its end on a thread of its own, noting when each command id
     * arrives; closing stops the thread.
     */
    private static final class CommandClock implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean stopped;

        CommandClock(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                    "fetch.max.wait.ms", 50), new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTROL.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(this::read, "bench-commands");
            reader.start();
        }

        private void read() {
            try {
                while (!stopped) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        if (Topics.CONTROL.codec().decode(r.value()) instanceof Decoded.Ok<ControlCommand> ok) {
                            arrivals.putIfAbsent(ok.value().commandId(), now);
                        }
                    }
                }
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** Waits until every one of {@code ids} arrived, or {@code timeout}. */
        void awaitAll(Set<String> ids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!arrivals.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        Map<String, Long> arrivals() {
            return arrivals;
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            reader.join(10_000);
        }
    }
}
