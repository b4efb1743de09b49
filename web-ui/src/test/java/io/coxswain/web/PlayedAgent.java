package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a trainer agent for one run over a real broker: reads the control topic (one partition) and answers each
 * command for its run as an agent would: a learning rate in (0, 10] is applied, any other value rejected with the
 * reason; triggers fire. Commands for other runs go unanswered.
 */
final class PlayedAgent implements AutoCloseable {
    private final String runId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final AtomicLong seq = new AtomicLong(1000);
    private volatile JsonNode learningRate;

    PlayedAgent(String bootstrap, String runId, JsonNode learningRate) {
        this.runId = runId;
        this.learningRate = learningRate;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap), new StringSerializer(),
                new ByteArraySerializer());
        TopicPartition control = new TopicPartition(Topics.CONTROL.name(), 0);
        consumer.assign(List.of(control));
        consumer.seekToEnd(List.of(control));
        consumer.position(control);
        thread = new Thread(this::loop, "played-agent");
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (runId.equals(record.key())
                            && Topics.CONTROL.codec().decode(record.value()) instanceof Decoded.Ok<ControlCommand> ok) {
                        answer(ok.value());
                    }
                }
            }
        } catch (WakeupException e) {
            consumer.close();
        }
    }

    private void answer(ControlCommand command) {
        for (Action action : command.actions()) {
            if (action instanceof Action.SetParameter set) {
                double v = set.value().asDouble(Double.NaN);
                if (!set.value().isNumber() || !(v > 0 && v <= 10)) {
                    publish(new CommandRejected(command.commandId(), "learning_rate must be > 0 and <= 10, got "
                            + set.value(), command.source()));
                    return;
                }
                publish(new ParameterChanged(command.commandId(), set.param(), learningRate, set.value(),
                        command.source()));
                learningRate = set.value();
            } else if (action instanceof Action.FireTrigger trigger) {
                publish(new TriggerFired(command.commandId(), trigger.name(), command.source()));
            }
        }
    }

    void publish(RunEvent event) {
        long n = seq.incrementAndGet();
        EventEnvelope envelope = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "exp-web", n,
                n, Instant.now()), event);
        producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, Topics.RUN_EVENTS.codec().encode(envelope)));
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
        producer.close();
    }
}
