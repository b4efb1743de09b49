package io.coxswain.cli.tail;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One run's records on Kafka: its partition of the run-events topic and of the control topic (both keyed by run id),
 * read without a consumer group. Every broker call is bounded; a broker that does not answer is exit 6 naming it.
 */
public final class RunFeed implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrap;
    private final String runId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicPartition events;
    private final TopicPartition control;

    private RunFeed(String bootstrap, String runId, KafkaConsumer<String, byte[]> consumer) {
        this.bootstrap = bootstrap;
        this.runId = runId;
        this.consumer = consumer;
        this.events = partition(Topics.RUN_EVENTS.name());
        this.control = partition(Topics.CONTROL.name());
    }

    /** The run's partitions on the Kafka at {@code bootstrap}; exit 6 when it does not answer or lacks the topics. */
    public static RunFeed open(String bootstrap, String runId) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            return new RunFeed(bootstrap, runId, consumer);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Whether any of the last {@code window} records of the run's event partition belongs to the run: a run that has
     * just started may not be in the ledger yet. Bounded by {@code window} records and {@code timeout}.
     */
    public boolean hasRecentEvents(int window, Duration timeout) {
        List<TopicPartition> one = List.of(events);
        consumer.assign(one);
        long end = consumer.endOffsets(one, CALL_TIMEOUT).get(events);
        long begin = consumer.beginningOffsets(one, CALL_TIMEOUT).get(events);
        consumer.seek(events, Math.max(begin, end - window));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(events, CALL_TIMEOUT) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (runId.equals(record.key())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Starts reading both partitions: from their beginning, or from now on. */
    public void start(boolean fromStart) {
        List<TopicPartition> both = List.of(events, control);
        consumer.assign(both);
        if (fromStart) {
            consumer.seekToBeginning(both);
        } else {
            consumer.seekToEnd(both);
        }
        both.forEach(p -> consumer.position(p, CALL_TIMEOUT));
    }

    /** The run's records that arrived within {@code wait}, events and commands, each decoded or named undecodable. */
    public List<Received> poll(Duration wait) {
        List<Received> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (runId.equals(record.key()) && record.value() != null) {
                received.add(decode(record));
            }
        }
        return received;
    }

    /** Makes a blocked {@link #poll} return at once (from another thread, e.g. on Ctrl-C). */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CALL_TIMEOUT);
    }

    private Received decode(ConsumerRecord<String, byte[]> record) {
        String raw = new String(record.value(), StandardCharsets.UTF_8);
        if (record.topic().equals(Topics.CONTROL.name())) {
            Decoded<ControlCommand> command = Topics.CONTROL.codec().decode(record.value());
            return command instanceof Decoded.Ok<ControlCommand> ok ? new Received.Command(raw, ok.value())
                    : new Received.Undecodable(raw, record.topic(), record.offset(),
                    ((Decoded.Failure<ControlCommand>) command).reason());
        }
        Decoded<EventEnvelope> event = Topics.RUN_EVENTS.codec().decode(record.value());
        return event instanceof Decoded.Ok<EventEnvelope> ok ? new Received.Event(raw, ok.value())
                : new Received.Undecodable(raw, record.topic(), record.offset(),
                ((Decoded.Failure<EventEnvelope>) event).reason());
    }

    private TopicPartition partition(String topic) {
        int partitions;
        try {
            partitions = consumer.partitionsFor(topic, CALL_TIMEOUT).size();
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Kafka unreachable at " + bootstrap + ": no metadata for "
                    + "topic " + topic + " within " + CALL_TIMEOUT.toSeconds() + " s", e);
        }
        if (partitions == 0) {
            throw new CliException(ExitCodes.UNREACHABLE, "topic " + topic + " does not exist on " + bootstrap
                    + "; create the topics with `cox topics` (or start the stack with `cox up`)");
        }
        return new TopicPartition(topic, Topic.partitionFor(runId, partitions));
    }
}
