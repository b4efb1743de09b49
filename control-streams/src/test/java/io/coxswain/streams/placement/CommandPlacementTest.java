package io.coxswain.streams.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link CommandPlacement} on a 12-partition control topic, where run r-1 reads partition 11. */
class CommandPlacementTest {
    private static final int PARTITIONS = 12;
    private static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");
    private static final ControlCommand STOP_R1 = new ControlCommand("c-42", "r-1", TIME,
            CommandSource.user("ana"), List.of(new Action.FireTrigger(Triggers.STOP)), "enough");

    @Test
    void leavesACommandOnItsRunsPartitionToTheAgent() {
        assertThat(CommandPlacement.judge(record("r-1", encode(STOP_R1), 11, 41), PARTITIONS))
                .isEqualTo(new Placement.Correct());
    }

    @Test
    void rejectsACommandOnAnotherPartitionSayingWhereItBelongs() {
        Placement placement = CommandPlacement.judge(record("r-1", encode(STOP_R1), 3, 41), PARTITIONS);

        assertThat(placement).isEqualTo(new Placement.Misplaced(new EventEnvelope(
                new EventHeader("fed60d81-f93c-3338-bdde-043a6ffab50c", "r-1", null, 0, 0, TIME),
                new CommandRejected("c-42", "command was published to partition 3 of coxswain.control, but run r-1"
                        + " reads partition 11 (murmur2 of the key, Kafka's default partitioner); publish with a"
                        + " murmur2 partitioner, e.g. kcat -X topic.partitioner=murmur2_random",
                        CommandSource.user("ana")))));
    }

    @Test
    void hashesTheUtf8BytesOfTheKey() {
        // the check value of the protocol README: ü-run-λ → 6 on 12 partitions
        Placement placement = CommandPlacement.judge(record("ü-run-λ", null, 5, 0), PARTITIONS);

        assertThat(placement).isInstanceOfSatisfying(Placement.Misplaced.class,
                misplaced -> assertThat(((CommandRejected) misplaced.answer().event()).reason())
                        .startsWith("command was published to partition 5 of coxswain.control, but run ü-run-λ"
                                + " reads partition 6 "));
        assertThat(CommandPlacement.judge(record("ü-run-λ", null, 6, 0), PARTITIONS))
                .isEqualTo(new Placement.Correct());
    }

    @Test
    void answersAnUnreadableMisplacedCommandWithTheIdItCouldReadAndWhyItIsUnreadable() {
        byte[] noActions = """
                {"v": 1, "type": "ControlCommand", "commandId": "c-43", "runId": "r-1", "actions": []}"""
                .getBytes(StandardCharsets.UTF_8);

        Placement placement = CommandPlacement.judge(record("r-1", noActions, 3, 41), PARTITIONS);

        assertThat(placement).isEqualTo(new Placement.Misplaced(new EventEnvelope(
                new EventHeader("fed60d81-f93c-3338-bdde-043a6ffab50c", "r-1", null, 0, 0, TIME),
                new CommandRejected("c-43", "command was published to partition 3 of coxswain.control, but run r-1"
                        + " reads partition 11 (murmur2 of the key, Kafka's default partitioner); publish with a"
                        + " murmur2 partitioner, e.g. kcat -X topic.partitioner=murmur2_random; the command is also"
                        + " unreadable: " + codecReason(noActions), null))));
        assertThat(codecReason(noActions)).contains("actions");
    }

    @Test
    void answersMisplacedGarbageWithoutACommandId() {
        byte[] garbage = {(byte) 0xff, 'x'};

        Placement placement = CommandPlacement.judge(record("r-1", garbage, 0, 7), PARTITIONS);

        assertThat(placement).isInstanceOfSatisfying(Placement.Misplaced.class, misplaced -> {
            CommandRejected rejected = (CommandRejected) misplaced.answer().event();
            assertThat(rejected.commandId()).isNull();
            assertThat(rejected.source()).isNull();
            assertThat(rejected.reason()).endsWith("; the command is also unreadable: " + codecReason(garbage));
        });
    }

    @Test
    void sendsARecordWithoutAKeyToTheDeadLetterTopic() {
        assertThat(CommandPlacement.judge(record(null, encode(STOP_R1), 11, 41), PARTITIONS))
                .isEqualTo(new Placement.Unkeyed("record key is missing: commands on coxswain.control must be"
                        + " keyed by their run id, which picks the partition the run's agent reads"));
        assertThat(CommandPlacement.judge(record(" ", encode(STOP_R1), 11, 41), PARTITIONS))
                .isEqualTo(new Placement.Unkeyed("record key is blank: commands on coxswain.control must be"
                        + " keyed by their run id, which picks the partition the run's agent reads"));
    }

    @Test
    void doesNotJudgeARecordFromAPartitionBeyondTheKnownCount() {
        assertThat(CommandPlacement.judge(record("r-1", encode(STOP_R1), 12, 0), PARTITIONS))
                .isEqualTo(new Placement.Unjudgeable("record of run r-1 is on partition 12 of coxswain.control, but"
                        + " control-streams knows of only 12 partitions (the topic grew after it started); restart"
                        + " control-streams to judge placements"));
    }

    @Test
    void givesTheSameAnswerIdWheneverTheSameRecordIsJudged() {
        String id = CommandPlacement.answerId(record("r-1", null, 3, 41));

        assertThat(CommandPlacement.answerId(record("r-2", encode(STOP_R1), 3, 41))).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(3);
        assertThat(List.of(
                CommandPlacement.answerId(record("r-1", null, 3, 42)),
                CommandPlacement.answerId(record("r-1", null, 4, 41)),
                CommandPlacement.answerId(new ControlRecord("r-1", null, 3, 41, TIME.plusMillis(1)))))
                .doesNotContain(id).doesNotHaveDuplicates();
    }

    private static ControlRecord record(String key, byte[] value, int partition, long offset) {
        return new ControlRecord(key, value, partition, offset, TIME);
    }

    private static byte[] encode(ControlCommand command) {
        return Topics.CONTROL.codec().encode(command);
    }

    private static String codecReason(byte[] bytes) {
        return ((Decoded.Failure<ControlCommand>) Topics.CONTROL.codec().decode(bytes)).reason();
    }
}
