package io.coxswain.bench;

import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.DiscardingEventSink;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.kafka.KafkaCommandFeed;
import io.coxswain.agent.kafka.KafkaEventSink;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end control benchmark on a real embedded broker and a real DL4J run.
 * <ol>
 *   <li>Control latency: publish a {@code set learning_rate} command, observe the agent's ParameterChanged on
 *   {@code coxswain.run-events}; sequentially, {@code --commands} times, {@code --interval-ms} apart (commands are
 *   rare events, not a stream). Reported with the run's step time, since a command waits for the step in
 *   progress.</li>
 *   <li>Instrumentation overhead: the same run (same seed) trained with the Kafka event sink and command feed, and
 *   with a discarding sink and in-memory feed, after one untimed warm-up run of each, alternating which goes first,
 *   {@code --rounds} times each; per-step wall time compared.</li>
 * </ol>
 * Usage: {@code ControlLatencyBench [--commands 300] [--interval-ms 50] [--overhead-steps 1500] [--rounds 3]
 * [--bootstrap HOST:PORT]};
 * without {@code --bootstrap} the broker runs inside this JVM.
 */
public final class ControlLatencyBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        int commands = Integer.parseInt(opts.getOrDefault("commands", "300"));
        int overheadSteps = Integer.parseInt(opts.getOrDefault("overhead-steps", "1500"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        long intervalMs = Long.parseLong(opts.getOrDefault("interval-ms", "50"));
        Path dir = Files.createTempDirectory("cox-bench");
        String external = opts.get("bootstrap");
        if (external != null) {
            System.out.println("broker: external, " + external);
            latency(external, commands, intervalMs, dir);
            overhead(external, overheadSteps, rounds, dir);
            return;
        }
        System.out.println("broker: embedded in this JVM");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            latency(kafka.bootstrap(), commands, intervalMs, dir);
            overhead(kafka.bootstrap(), overheadSteps, rounds, dir);
        }
    }

    private static void latency(String bootstrap, int commands, long intervalMs, Path dir) throws Exception {
        String runId = "bench-latency-" + System.currentTimeMillis();
        TrainingConfig config = TrainingConfig.builder(runId).maxSteps(10_000_000).seed(1).learningRate(0.001)
                .checkpointDir(dir.resolve("ckpt")).build();
        StepClock clock = new StepClock(20);
        CountDownLatch started = new CountDownLatch(1);
        EventListener listener = e -> {
            clock.onEvent(e);
            if (e.event() instanceof StepCompleted) {
                started.countDown();
            }
        };
        try (TrainerAgent agent = TrainerAgent.connect(config, bootstrap, listener);
             KafkaConsumer<String, byte[]> answers = answers(bootstrap, runId);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "linger.ms", 0, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            CompletableFuture<?> run = CompletableFuture.supplyAsync(agent::run);
            started.await(60, TimeUnit.SECONDS);
            List<Double> millis = new ArrayList<>();
            List<Double> inbound = new ArrayList<>();
            List<Double> outbound = new ArrayList<>();
            CommandCodec codec = new CommandCodec();
            for (int i = 0; i < commands; i++) {
                String id = "bench-" + i;
                double lr = i % 2 == 0 ? 0.0011 : 0.001;
                ControlCommand command = new ControlCommand(id, runId, Instant.now(), CommandSource.user("bench"),
                        List.of(new Action.SetParameter("learning_rate", Json.mapper().getNodeFactory().numberNode(lr))),
                        "latency benchmark");
                Instant sent = Instant.now();
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, codec.encodeToString(command)));
                EventEnvelope answer = awaitAnswer(answers, id);
                millis.add((System.nanoTime() - t0) / 1e6);
                Instant seen = Instant.now();
                inbound.add(Duration.between(sent, answer.header().time()).toNanos() / 1e6);
                outbound.add(Duration.between(answer.header().time(), seen).toNanos() / 1e6);
                Thread.sleep(intervalMs);
            }
            agent.requestStop("benchmark done");
            run.get(60, TimeUnit.SECONDS);
            Percentiles latency = new Percentiles(millis);
            Percentiles steps = new Percentiles(clock.intervalsMillis());
            System.out.printf("control latency over %d commands, one every %d ms after the previous answer: p50 %.1f ms,"
                    + " p99 %.1f ms, max %.1f ms%n", latency.count(), intervalMs, latency.at(50), latency.at(99),
                    latency.at(100));
            System.out.printf("step time during the run: p50 %.1f ms, p99 %.1f ms (%d steps)%n", steps.at(50),
                    steps.at(99), steps.count());
            System.out.printf("goal p99 <= one step + 25 ms: %.1f <= %.1f + 25 -> %s%n", latency.at(99), steps.at(50),
                    latency.at(99) <= steps.at(50) + 25 ? "met" : "NOT met");
            Percentiles in = new Percentiles(inbound);
            Percentiles out = new Percentiles(outbound);
            System.out.printf("  split by the answer's own timestamp: publish -> answer created p50 %.1f ms, p99 %.1f ms;"
                    + " answer created -> seen p50 %.1f ms, p99 %.1f ms%n", in.at(50), in.at(99), out.at(50), out.at(99));
            Percentiles hop = rawHop(bootstrap, commands, intervalMs);
            System.out.printf("plain Kafka produce->consume hop on the same broker: p50 %.1f ms, p99 %.1f ms;"
                    + " a command takes two hops: 2 x p50 = %.1f ms%n", hop.at(50), hop.at(99), 2 * hop.at(50));
        }
    }

    /**
     * The floor under control latency on this machine: one plain produce -> consume hop on the same broker, measured
     * the same way (a command takes two such hops: the command in, the answer out).
     */
    private static Percentiles rawHop(String bootstrap, int samples, long intervalMs) throws Exception {
        String topic = "coxswain.bench-probe";
        EmbeddedKafka.ensureTopics(bootstrap, Set.of(topic), 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        List<Double> millis = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 0, "acks", "all"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                     "fetch.max.wait.ms", 50), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "probe", "probe-" + i));
                while (consumer.poll(Duration.ofMillis(5)).isEmpty()) {
                    continue;
                }
                millis.add((System.nanoTime() - t0) / 1e6);
                Thread.sleep(intervalMs);
            }
        }
        return new Percentiles(millis);
    }

    private static KafkaConsumer<String, byte[]> answers(String bootstrap, String runId) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "fetch.max.wait.ms", 50), new StringDeserializer(), new ByteArrayDeserializer());
        int partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name()).size();
        TopicPartition tp = new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
        consumer.assign(List.of(tp));
        consumer.seekToEnd(List.of(tp));
        consumer.position(tp);
        return consumer;
    }

    private static EventEnvelope awaitAnswer(KafkaConsumer<String, byte[]> consumer, String commandId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                if (Topics.RUN_EVENTS.codec().decode(r.value()) instanceof Decoded.Ok<EventEnvelope> ok
                        && ok.value().event() instanceof ParameterChanged p && p.commandId().equals(commandId)) {
                    return ok.value();
                }
            }
        }
        throw new IllegalStateException("no answer to " + commandId + " within 30 s");
    }

    private static void overhead(String bootstrap, int steps, int rounds, Path dir) throws Exception {
        trainSteps(false, bootstrap, steps, dir, -1);
        trainSteps(true, bootstrap, steps, dir, -1);
        List<Double> withKafka = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean kafkaFirst = round % 2 == 1;
            (kafkaFirst ? withKafka : without).addAll(trainSteps(kafkaFirst, bootstrap, steps, dir, round));
            (kafkaFirst ? without : withKafka).addAll(trainSteps(!kafkaFirst, bootstrap, steps, dir, round));
        }
        Percentiles a = new Percentiles(without);
        Percentiles b = new Percentiles(withKafka);
        System.out.printf("step wall time without Kafka: p50 %.3f ms, mean %.3f ms (%d steps)%n", a.at(50),
                mean(without), a.count());
        System.out.printf("step wall time with Kafka:    p50 %.3f ms, mean %.3f ms (%d steps)%n", b.at(50),
                mean(withKafka), b.count());
        System.out.printf("instrumentation overhead: median %+.2f %%, mean %+.2f %% (goal <= 1 %%)%n",
                100 * (b.at(50) / a.at(50) - 1), 100 * (mean(withKafka) / mean(without) - 1));
    }

    private static List<Double> trainSteps(boolean kafka, String bootstrap, int steps, Path dir, int round)
            throws Exception {
        String runId = "bench-" + (kafka ? "kafka" : "none") + "-" + round + "-" + System.nanoTime();
        TrainingConfig config = TrainingConfig.builder(runId).maxSteps(steps).seed(5).learningRate(0.001)
                .evalSteps(1_000_000).checkpointDir(dir.resolve("ckpt")).build();
        StepClock clock = new StepClock(50);
        try (TrainerAgent agent = kafka
                ? new TrainerAgent(config, new KafkaEventSink(bootstrap, runId), new KafkaCommandFeed(bootstrap, runId),
                clock)
                : new TrainerAgent(config, new DiscardingEventSink(), new InMemoryCommandFeed(runId), clock)) {
            agent.run();
        }
        return clock.intervalsMillis();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
