package io.coxswain.bench;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A fleet's traffic for the ledger: {@code runs} runs, step by step across the runs (as agents publish them), each a
 * RunStarted, logged StepCompleted events, every {@code changeEvery} steps a command on {@code coxswain.control} and
 * the run's ParameterChanged answering it, and a RunFinished; {@code records} records in all, on both topics.
 */
final class IngestLoad {
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

    private IngestLoad() {
    }

    /**
     * Produces the records and waits until the broker has them all; returns how many went to each topic.
     *
     * @throws IllegalStateException when the broker did not take every record
     */
    static Map<String, Long> produce(String bootstrap, long records, int runs, int changeEvery) {
        // every run gets enough steps for its share, its commands and the answers included
        long perRun = Math.max(3, records / runs + records / runs / Math.max(1, changeEvery) + 2);
        long events = 0;
        long commands = 0;
        awaitLeaders(bootstrap);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer())) {
            long sent = 0;
            for (long step = 0; sent < records; step++) {
                if (step > perRun) {
                    throw new IllegalStateException("the load ran out of steps at " + sent + " records");
                }
                for (int r = 0; r < runs && sent < records; r++) {
                    String run = "bench-run-" + r;
                    long remaining = perRun - 1;
                    if (step > remaining) {
                        continue;
                    }
                    if (step > 0 && step % changeEvery == 0 && step < remaining && sent + 2 <= records) {
                        String commandId = "cmd-" + run + "-" + step;
                        send(producer, Topics.CONTROL.name(), run, Topics.CONTROL.codec().encode(command(run,
                                commandId, step)), failed, firstFailure);
                        send(producer, Topics.RUN_EVENTS.name(), run, Topics.RUN_EVENTS.codec().encode(
                                changed(run, step, commandId)), failed, firstFailure);
                        sent += 2;
                        commands++;
                        events++;
                        continue;
                    }
                    send(producer, Topics.RUN_EVENTS.name(), run, Topics.RUN_EVENTS.codec().encode(
                            event(run, step, remaining)), failed, firstFailure);
                    sent++;
                    events++;
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException("the broker refused " + failed.get() + " of the benchmark's records",
                    firstFailure.get());
        }
        return Map.of(Topics.RUN_EVENTS.name(), events, Topics.CONTROL.name(), commands);
    }

    /** Waits until every partition of both topics has a leader: a producer sending earlier gets errors. */
    private static void awaitLeaders(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                boolean led = admin.describeTopics(List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()))
                        .allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .flatMap(t -> t.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && !p.isr().isEmpty());
                if (led) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker at " + bootstrap + " gave no leader to some"
                            + " partitions within 60 s");
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the topics at " + bootstrap + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topics' leaders", e);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String run, byte[] value,
                             AtomicLong failed, AtomicReference<Exception> firstFailure) {
        producer.send(new ProducerRecord<>(topic, run, value), (metadata, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            }
        });
    }

    private static EventEnvelope event(String run, long step, long last) {
        EventHeader header = header(run, step);
        if (step == 0) {
            return new EventEnvelope(header, new RunStarted(Json.mapper().createObjectNode().put("layers", 2)
                    .put("optimizer", "adam").put("batch_size", 32), 7, "mnist-mlp", last,
                    List.of(new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(0.01),
                            "optimizer learning rate")), 12.5));
        }
        if (step == last) {
            return new EventEnvelope(header, new RunFinished(RunFinished.COMPLETED, null));
        }
        return new EventEnvelope(header, new StepCompleted(step / 100.0, (step % 100) / 100.0, step * 32, 32,
                2.0 / (1 + step * 0.01), 1.5 - step * 1e-4, 0.01, 0.2, true, step % 100 == 0, null));
    }

    private static EventEnvelope changed(String run, long step, String commandId) {
        return new EventEnvelope(header(run, step), new ParameterChanged(commandId, "learning_rate",
                DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.01 / (1 + step / 1000.0)),
                CommandSource.rule("control-streams", "decay", null)));
    }

    private static ControlCommand command(String run, String commandId, long step) {
        return new ControlCommand(commandId, run, START.plusSeconds(step), CommandSource.rule("control-streams",
                "decay", Json.mapper().createObjectNode().put("step", step)),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.01 / (1 + step / 1000.0)))),
                "decay the learning rate");
    }

    private static EventHeader header(String run, long step) {
        return new EventHeader(UUID.randomUUID().toString(), run, "bench-experiment", step, step,
                START.plusMillis(step * 200));
    }
}
