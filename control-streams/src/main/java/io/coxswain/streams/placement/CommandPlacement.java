package io.coxswain.streams.placement;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Decides whether a record of {@code coxswain.control} sits where its run's agent reads it. An agent reads only the
 * partition that Kafka's Java default partitioner gives its run id ({@link Topic#partitionFor}); a client that hashes
 * differently (librdkafka's {@code consistent_random} default: kcat, confluent-kafka-*) puts commands where no agent
 * answers them. Such a command gets its answer here instead: a {@code CommandRejected} saying where it should have
 * gone. A pure function: the topology reads the record and publishes the outcome.
 */
public final class CommandPlacement {
    /**
     * The {@code seq} of an answer sent by control-streams. Agents number their own events from 1, so 0 marks an
     * event that the run's agent did not produce (and that is outside the agent's gap-free sequence).
     */
    public static final long SEQ = 0;
    /** The {@code step} of an answer sent by control-streams: it does not know the run's step, so 0 ("none yet"). */
    public static final long STEP = 0;

    private CommandPlacement() {
    }

    /**
     * Judges one record.
     *
     * @param record     the record as read, with its partition and offset
     * @param partitions the partition count of {@code coxswain.control}
     */
    public static Placement judge(ControlRecord record, int partitions) {
        String runId = record.key();
        if (runId == null || runId.isBlank()) {
            return new Placement.Unkeyed("record key is " + (runId == null ? "missing" : "blank")
                    + ": commands on " + Topics.CONTROL.name() + " must be keyed by their run id, which picks the"
                    + " partition the run's agent reads");
        }
        if (record.partition() >= partitions) {
            return new Placement.Unjudgeable("record of run " + runId + " is on partition " + record.partition()
                    + " of " + Topics.CONTROL.name() + ", but control-streams knows of only " + partitions
                    + " partitions (the topic grew after it started); restart control-streams to judge placements");
        }
        int expected = Topic.partitionFor(runId, partitions);
        if (record.partition() == expected) {
            return new Placement.Correct();
        }
        return new Placement.Misplaced(rejection(record, expected));
    }

    /**
     * The id of the answer to the record at {@code record}'s position: the same whenever that record is judged again
     * (after a crash, or a reset of the app), so the ledger keeps one answer. The timestamp is part of it so that a
     * re-created topic, whose offsets start again at 0, gives new ids.
     */
    public static String answerId(ControlRecord record) {
        String name = Topics.CONTROL.name() + ":" + record.partition() + ":" + record.offset() + ":"
                + record.timestamp().toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static EventEnvelope rejection(ControlRecord record, int expected) {
        String runId = record.key();
        String reason = "command was published to partition " + record.partition() + " of " + Topics.CONTROL.name()
                + ", but run " + runId + " reads partition " + expected
                + " (murmur2 of the key, Kafka's default partitioner); publish with a murmur2 partitioner,"
                + " e.g. kcat -X topic.partitioner=murmur2_random";
        Decoded<ControlCommand> decoded = Topics.CONTROL.codec().decode(record.value());
        CommandRejected rejected;
        if (decoded instanceof Decoded.Ok<ControlCommand> ok) {
            ControlCommand command = ok.value();
            rejected = new CommandRejected(command.commandId(), reason, command.source());
        } else {
            Decoded.Failure<ControlCommand> failure = (Decoded.Failure<ControlCommand>) decoded;
            rejected = new CommandRejected(failure.id(), reason + "; the command is also unreadable: "
                    + failure.reason(), null);
        }
        EventHeader header = new EventHeader(answerId(record), runId, null, SEQ, STEP, record.timestamp());
        return new EventEnvelope(header, rejected);
    }
}
