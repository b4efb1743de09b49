package io.coxswain.web.control;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a command on the control topic (signed when a key is configured) and waits, bounded, for the agent's
 * answer on the run's events partition, which it starts reading before sending so no answer is missed. Thread-safe:
 * one producer, one short-lived consumer per command.
 */
public final class CommandRelay implements AutoCloseable {
    private static final Duration SEND_WAIT = Duration.ofSeconds(10);

    private final KafkaAccess kafka;
    private final KafkaProducer<String, byte[]> producer;

    public CommandRelay(KafkaAccess kafka) {
        this.kafka = kafka;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_WAIT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The agent's complete answer, or empty when none came within {@code timeout}. */
    public Optional<RelayedAnswer> send(ControlCommand command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RunEventsConsumer events = new RunEventsConsumer(kafka.bootstrap(), command.runId())) {
            publish(command);
            AnswerCollector collector = new AnswerCollector(command);
            while (System.nanoTime() < deadline) {
                for (EventEnvelope event : events.poll(Duration.ofMillis(100))) {
                    Optional<RelayedAnswer> answer = collector.accept(event);
                    if (answer.isPresent()) {
                        return answer;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private void publish(ControlCommand command) {
        byte[] value = Topics.CONTROL.codec().encode(command);
        RecordHeaders headers = new RecordHeaders();
        kafka.signingKey().ifPresent(key -> headers.add(CommandSignature.header(key, value)));
        try {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), null, command.runId(), value, headers))
                    .get(SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while sending command " + command.commandId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("cannot publish command " + command.commandId() + " to "
                    + Topics.CONTROL.name() + " at " + kafka.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
