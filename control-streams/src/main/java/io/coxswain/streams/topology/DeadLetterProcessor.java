package io.coxswain.streams.topology;

import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an undecodable record on to the dead-letter topic as it came (key, value, headers), adding the reason and the
 * source topic as headers; logs it and counts it in the {@code dead-letter-total} metric of its source topic (tag
 * {@code coxswain-id}).
 */
final class DeadLetterProcessor implements Processor<String, Decoding.Undecodable, String, byte[]> {
    static final String METRIC_SCOPE = "coxswain";
    static final String METRIC_OPERATION = "dead-letter";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private final String sourceTopic;
    private ProcessorContext<String, byte[]> context;
    private Sensor deadLetters;

    /** @param sourceTopic the topic the records come from, which names their metric */
    DeadLetterProcessor(String sourceTopic) {
        this.sourceTopic = sourceTopic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.deadLetters = context.metrics().addRateTotalSensor(METRIC_SCOPE, sourceTopic, METRIC_OPERATION,
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Decoding.Undecodable> record) {
        Decoding.Undecodable undecodable = record.value();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(sourceTopic);
        Headers headers = new RecordHeaders(record.headers().toArray());
        replace(headers, Topics.REASON_HEADER, undecodable.reason());
        replace(headers, Topics.SOURCE_TOPIC_HEADER, topic);
        deadLetters.record();
        LOG.warn("dead-lettered a record from {} ({}, key {}, run {}): {}", topic, position(),
                record.key(), undecodable.runId(), undecodable.reason());
        context.forward(new Record<>(record.key(), undecodable.raw(), record.timestamp(), headers));
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> "partition " + m.partition() + ", offset " + m.offset())
                .orElse("position unknown");
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
