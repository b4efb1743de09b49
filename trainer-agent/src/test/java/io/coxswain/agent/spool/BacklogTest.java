package io.coxswain.agent.spool;

import static io.coxswain.agent.events.TestEvents.envelope;
import static io.coxswain.agent.events.TestEvents.finished;
import static io.coxswain.agent.events.TestEvents.rejected;
import static io.coxswain.agent.events.TestEvents.started;
import static io.coxswain.agent.events.TestEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.events.DropReport;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacklogTest {
    private static final long MAX = 1 << 20;
    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;

    private static List<Long> seqs(List<Outgoing> out) {
        return out.stream().map(o -> decode(o.bytes()).header().seq()).toList();
    }

    private static EventEnvelope decode(byte[] bytes) {
        return ((Decoded.Ok<EventEnvelope>) Topics.RUN_EVENTS.codec().decode(bytes)).value();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void keepsOrderWhenMemoryOverflowsToDisk() {
        Backlog backlog = new Backlog(Spool.open(dir, MAX, SEGMENT), 3);
        List<Admission> admissions = new ArrayList<>();
        for (long seq = 1; seq <= 10; seq++) {
            admissions.add(backlog.offer(envelope("r", seq, step(seq))));
        }

        assertThat(admissions).containsExactly(Admission.QUEUED, Admission.QUEUED, Admission.QUEUED,
                Admission.SPILLED, Admission.SPILLED, Admission.SPILLED, Admission.SPILLED, Admission.SPILLED,
                Admission.SPILLED, Admission.SPILLED);
        assertThat(backlog.onDisk()).isEqualTo(7);
        assertThat(seqs(backlog.take(100))).isEqualTo(range(1, 10));
    }

    @Test
    void resendsEverythingUndeliveredInOrderAfterARewindEvenWhenHandedOutEventsWentToDisk() {
        Backlog backlog = new Backlog(Spool.open(dir, MAX, SEGMENT), 3);
        for (long seq = 1; seq <= 3; seq++) {
            backlog.offer(envelope("r", seq, step(seq)));
        }
        assertThat(seqs(backlog.take(2))).containsExactly(1L, 2L);
        for (long seq = 4; seq <= 6; seq++) {
            assertThat(backlog.offer(envelope("r", seq, step(seq)))).isEqualTo(Admission.SPILLED);
        }

        assertThat(seqs(backlog.take(100))).containsExactly(3L, 4L, 5L, 6L);
        backlog.acknowledge(1);
        backlog.rewind();
        assertThat(seqs(backlog.take(100))).containsExactly(2L, 3L, 4L, 5L, 6L);
        backlog.acknowledge(5);
        assertThat(backlog.undelivered()).isZero();
    }

    @Test
    void dropsOnlyPeriodicEventsWhenMemoryAndDiskAreFullAndReportsThemBeforeAnEventThatIsKept() {
        Backlog backlog = new Backlog(Spool.open(dir, 8, 8), 2);
        List<Admission> admissions = List.of(
                backlog.offer(envelope("r", 1, started())),
                backlog.offer(envelope("r", 2, step(1))),
                backlog.offer(envelope("r", 3, step(2))),
                backlog.offer(envelope("r", 4, step(3))),
                backlog.offer(envelope("r", 5, rejected("c-1"))),
                backlog.offer(envelope("r", 6, step(4))));

        assertThat(admissions).containsExactly(Admission.QUEUED, Admission.QUEUED, Admission.DROPPED,
                Admission.DROPPED, Admission.KEPT_OVER_BOUND, Admission.DROPPED);
        assertThat(backlog.takeDrops(step(5))).isEmpty();
        assertThat(backlog.takeDrops(finished())).contains(new DropReport(3, 3, 6, Map.of("StepCompleted", 3L),
                "Kafka unreachable: memory queue (2 events) and disk spool (8 bytes) full"));
        assertThat(backlog.takeDrops(finished())).isEmpty();
        assertThat(seqs(backlog.take(100))).containsExactly(1L, 2L, 5L);
    }

    @Test
    void reportsDropsBeforeAPeriodicEventOnlyOnceThereIsRoom() {
        Backlog backlog = new Backlog(Spool.open(dir, 8, 8), 1);
        backlog.offer(envelope("r", 1, step(1)));
        backlog.offer(envelope("r", 2, step(2)));
        assertThat(backlog.takeDrops(step(3))).isEmpty();

        backlog.take(1);
        backlog.acknowledge(1);

        assertThat(backlog.takeDrops(step(3))).contains(new DropReport(1, 2, 2, Map.of("StepCompleted", 1L),
                "Kafka unreachable: memory queue (1 events) and disk spool (8 bytes) full"));
    }

    @Test
    void closingWritesMemoryAfterDiskSoTheNextBacklogOnTheSameSpoolHandsEverythingOutInOrder() {
        Backlog backlog = new Backlog(Spool.open(dir, MAX, SEGMENT), 2);
        for (long seq = 1; seq <= 5; seq++) {
            backlog.offer(envelope("r", seq, step(seq)));
        }
        assertThat(seqs(backlog.take(4))).containsExactly(1L, 2L, 3L, 4L);
        backlog.acknowledge(1);

        assertThat(backlog.closeToDisk()).isEqualTo(4);
        assertThat(backlog.offer(envelope("r", 6, step(6)))).isEqualTo(Admission.CLOSED);

        Backlog next = new Backlog(Spool.open(dir, MAX, SEGMENT), 2);
        next.offer(envelope("r", 6, step(6)));
        assertThat(seqs(next.take(100))).containsExactly(2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void discardsAnEventKafkaRefusesForGoodAndCountsIt() {
        Backlog backlog = new Backlog(Spool.open(dir, MAX, SEGMENT), 1);
        backlog.offer(envelope("r", 1, step(1)));
        backlog.offer(envelope("r", 2, step(2)));
        backlog.take(2);
        backlog.rewind();

        backlog.discardOldest("refused by Kafka: too large");

        assertThat(seqs(backlog.take(100))).containsExactly(2L);
        assertThat(backlog.takeDrops(finished())).isEqualTo(Optional.of(new DropReport(1, 1, 1,
                Map.of("StepCompleted", 1L), "refused by Kafka: too large")));
    }
}
