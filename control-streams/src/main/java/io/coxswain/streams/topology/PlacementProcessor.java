package io.coxswain.streams.topology;

import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.placement.CommandPlacement;
import io.coxswain.streams.placement.ControlRecord;
import io.coxswain.streams.placement.Placement;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of {@link CommandPlacement}: judges each record of {@code coxswain.control} by the partition it was
 * read from, and forwards the answer to a misplaced command as an event (for {@code coxswain.run-events}) and a
 * record without a run id as undecodable (for the dead-letter topic). Correctly placed commands are left to the
 * run's agent.
 */
final class PlacementProcessor implements Processor<String, byte[], String, Decoding> {
    private static final Logger LOG = LoggerFactory.getLogger(PlacementProcessor.class);

    private final int partitions;
    private ProcessorContext<String, Decoding> context;

    PlacementProcessor(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Decoding> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "a record of " + Topics.CONTROL.name() + " without its partition; the placement check must read"
                        + " straight from the source topic"));
        ControlRecord read = new ControlRecord(record.key(), record.value(), metadata.partition(), metadata.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        Placement placement = CommandPlacement.judge(read, partitions);
        if (placement instanceof Placement.Misplaced misplaced) {
            CommandRejected rejected = (CommandRejected) misplaced.answer().event();
            LOG.warn("rejected command {} of run {} at partition {}, offset {}: {}", rejected.commandId(),
                    record.key(), metadata.partition(), metadata.offset(), rejected.reason());
            context.forward(new Record<>(record.key(), new Decoding.Event(misplaced.answer()), record.timestamp(),
                    new RecordHeaders()));
        } else if (placement instanceof Placement.Unkeyed unkeyed) {
            context.forward(record.withValue(new Decoding.Undecodable(record.value(), unkeyed.reason(), null)));
        } else if (placement instanceof Placement.Unjudgeable unjudgeable) {
            LOG.error("cannot judge the record at partition {}, offset {}: {}", metadata.partition(),
                    metadata.offset(), unjudgeable.reason());
        }
    }
}
