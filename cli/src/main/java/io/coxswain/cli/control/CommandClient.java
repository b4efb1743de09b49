package io.coxswain.cli.control;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a command to a run and waits, bounded, for the agent's answer. It starts reading the run's event partition
 * before sending, so an answer can never be missed. With a signing key, the record carries the command's
 * {@link CommandSignature} header over the exact bytes sent.
 */
public final class CommandClient implements AutoCloseable {
    private final String bootstrap;
    private final Optional<SigningKey> signingKey;
    private final KafkaProducer<String, byte[]> producer;

    /** A client that sends unsigned commands. */
    public CommandClient(String bootstrap) {
        this(bootstrap, Optional.empty());
    }

    public CommandClient(String bootstrap, Optional<SigningKey> signingKey) {
        this.bootstrap = bootstrap;
        this.signingKey = signingKey;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                new StringSerializer(), new ByteArraySerializer());
    }

    public Answer send(ControlCommand command, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = answerConsumer()) {
            TopicPartition partition = eventsPartition(consumer, command.runId());
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            publish(command);
            return await(consumer, command, deadline, timeout);
        }
    }

    private KafkaConsumer<String, byte[]> answerConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private TopicPartition eventsPartition(KafkaConsumer<String, byte[]> consumer, String runId) {
        int partitions;
        try {
            partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name(), Duration.ofSeconds(5)).size();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Kafka unreachable at " + bootstrap
                    + ": no metadata for topic " + Topics.RUN_EVENTS.name() + " within 5 s", e);
        }
        if (partitions == 0) {
            throw new CliException(ExitCodes.UNREACHABLE, "topic " + Topics.RUN_EVENTS.name() + " does not exist on "
                    + bootstrap + "; create the topics with `cox topics` (or start the stack with `cox up`)");
        }
        return new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
    }

    private void publish(ControlCommand command) {
        try {
            producer.send(record(command)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while sending command " + command.commandId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot publish command " + command.commandId() + " to "
                    + Topics.CONTROL.name() + " at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private ProducerRecord<String, byte[]> record(ControlCommand command) {
        byte[] value = Topics.CONTROL.codec().encode(command);
        RecordHeaders headers = new RecordHeaders();
        signingKey.ifPresent(key -> headers.add(CommandSignature.header(key, value)));
        return new ProducerRecord<>(Topics.CONTROL.name(), null, command.runId(), value, headers);
    }

    private Answer await(KafkaConsumer<String, byte[]> consumer, ControlCommand command, long deadline,
                         Duration timeout) {
        List<EventEnvelope> answers = new ArrayList<>();
        int applied = 0;
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (!command.runId().equals(record.key())
                        || !(Topics.RUN_EVENTS.codec().decode(record.value()) instanceof Decoded.Ok<EventEnvelope> ok)) {
                    continue;
                }
                if (ok.value().event() instanceof RunFinished finished) {
                    throw new CliException(ExitCodes.RUN_FINISHED, "run " + command.runId() + " finished ("
                            + finished.reason() + (finished.detail() == null ? "" : ": " + finished.detail())
                            + " at step " + ok.value().step() + ") before answering command " + command.commandId());
                }
                if (!command.commandId().equals(CommandAnswer.commandIdOf(ok.value().event()))) {
                    continue;
                }
                answers.add(ok.value());
                RunEvent event = ok.value().event();
                if (event instanceof CommandRejected) {
                    return new Answer(Answer.Outcome.REJECTED, answers);
                }
                if (event instanceof CommandIgnored) {
                    return new Answer(Answer.Outcome.IGNORED, answers);
                }
                applied++;
                if (applied == command.actions().size()) {
                    return new Answer(Answer.Outcome.APPLIED, answers);
                }
            }
        }
        throw new CliException(ExitCodes.NO_ANSWER, "no answer from run " + command.runId() + " to command "
                + command.commandId() + " within " + timeout.toSeconds() + " s (" + answers.size() + " of "
                + command.actions().size() + " answers seen). The command stays on " + Topics.CONTROL.name()
                + "; check the run with `cox runs`.");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
