package io.coxswain.agent.kafka;

import static io.coxswain.agent.events.TestEvents.finished;
import static io.coxswain.agent.events.TestEvents.rejected;
import static io.coxswain.agent.events.TestEvents.started;
import static io.coxswain.agent.events.TestEvents.step;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.agent.events.EventPublisher;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.agent.spool.LogCapture;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.FreePort;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventsDropped;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaEventSinkTest {
    private static final int PARTITIONS = 3;
    /**
     * The longest a publish may take. Generous for a shared CI machine (GC, scheduling); the old sink blocked for
     * max.block.ms (10 s) per event once the broker was gone.
     */
    private static final Duration PUBLISH_BOUND = Duration.ofMillis(250);

    @TempDir
    Path dir;

    /** Publishes on the calling thread, keeping every envelope handed to the sink and the longest publish call. */
    private static final class Training {
        final RecordingEventSink published = new RecordingEventSink();
        final EventPublisher publisher;
        long step;
        long longestNanos;

        Training(String runId, KafkaEventSink sink, long lastSeq) {
            publisher = new EventPublisher(runId, "default", sink, published::publish, Clock.systemUTC(), lastSeq);
        }

        void publish(RunEvent event) {
            long began = System.nanoTime();
            publisher.publish(step, event);
            longestNanos = Math.max(longestNanos, System.nanoTime() - began);

        }

        /** One step's events: a StepCompleted, and a command answer every 50 steps. */
        void nextStep() {
            step++;
            if (step % 50 == 0) {
                publish(rejected("c-" + step));
                publisher.flush();
            }
            publish(step(step));
        }

        void stepWhile(CompletableFuture<?> pending) throws InterruptedException {
            while (!pending.isDone()) {
                nextStep();
                Thread.sleep(1);
            }
        }
    }

    private static int portOf(EmbeddedKafka kafka) {
        String bootstrap = kafka.bootstrap();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    private static EmbeddedKafka startKafka(Path data, int port) {
        EmbeddedKafka kafka = EmbeddedKafka.start(data, port);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name()), PARTITIONS);
        return kafka;
    }

    private static List<Long> seqs(List<EventEnvelope> events) {
        return events.stream().map(e -> e.header().seq()).toList();
    }

    private List<Path> segmentFiles(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).toList();
        }
    }

    @Test
    void trainingNeverWaitsWhileKafkaIsDownAndEveryEventArrivesOnceInOrderWhenItReturns() throws Exception {
        Path data = dir.resolve("kafka");
        EmbeddedKafka kafka = startKafka(data, 0);
        int port = portOf(kafka);
        KafkaSinkConfig config = KafkaSinkConfig.defaults(dir.resolve("spool")).withMemoryEvents(200)
                .withDisk(16 << 20, 64 << 10).withLinger(Duration.ofMillis(5));
        long mostOnDisk = 0;
        Training training;
        try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap(), "r-outage", config)) {
            training = new Training("r-outage", sink, 0);
            training.publish(started());
            for (int i = 0; i < 200; i++) {
                training.nextStep();
            }
            await().atMost(30, SECONDS).until(() -> sink.undelivered() == 0);

            EmbeddedKafka stopping = kafka;
            training.stepWhile(CompletableFuture.runAsync(stopping::close));
            long downUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < downUntil) {
                training.nextStep();
                mostOnDisk = Math.max(mostOnDisk, sink.onDisk());
                Thread.sleep(1);
            }
            CompletableFuture<EmbeddedKafka> restarted = CompletableFuture.supplyAsync(
                    () -> EmbeddedKafka.start(data, port));
            training.stepWhile(restarted);
            kafka = restarted.join();
            for (int i = 0; i < 100; i++) {
                training.nextStep();
            }
            training.publish(finished());
            training.publisher.flush();
            await().atMost(60, SECONDS).until(() -> sink.undelivered() == 0);
        }
        try {
            List<EventEnvelope> published = training.published.events();
            assertThat(mostOnDisk).as("events spilled to disk during the outage").isPositive();
            assertThat(training.longestNanos).as("longest publish, ns").isLessThan(PUBLISH_BOUND.toNanos());
            List<EventEnvelope> delivered = RunEventsLog.read(kafka.bootstrap(), "r-outage", PARTITIONS);
            assertThat(seqs(delivered)).isEqualTo(LongStream.rangeClosed(1, published.size()).boxed().toList());
            assertThat(delivered).isEqualTo(published);
            assertThat(segmentFiles(config.spoolDir())).isEmpty();
        } finally {
            kafka.close();
        }
    }

    private static boolean gaveUp(LogCapture log) {
        return log.lines().stream().anyMatch(KafkaEventSinkTest::gaveUp);
    }

    /** A send the producer failed: a batch past its delivery timeout, or no metadata for the topic in time. */
    private static boolean gaveUp(String line) {
        return line.contains("ms has passed since batch creation") || line.contains("not present in metadata after");
    }

    @Test
    void resendsInOrderTheEventsWhoseDeliveryTimedOutWhileKafkaWasDown() throws Exception {
        Path data = dir.resolve("kafka");
        EmbeddedKafka kafka = startKafka(data, 0);
        int port = portOf(kafka);
        KafkaSinkConfig config = KafkaSinkConfig.defaults(dir.resolve("spool")).withMemoryEvents(100)
                .withLinger(Duration.ofMillis(5)).withDeliveryTimeout(Duration.ofSeconds(1));
        Training training;
        try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap(), "r-expired", config);
             LogCapture log = new LogCapture(EventSender.class)) {
            training = new Training("r-expired", sink, 0);
            training.publish(started());
            await().atMost(30, SECONDS).until(() -> sink.undelivered() == 0);
            kafka.close();
            // Training goes on while Kafka is down, until the producer gives up on a batch (its 1 s delivery
            // timeout; later on a loaded machine), then for a moment more.
            long giveUpBy = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            long minimum = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < minimum || (!gaveUp(log) && System.nanoTime() < giveUpBy)) {
                training.nextStep();
                Thread.sleep(2);
            }
            assertThat(log.lines()).as("the producer gave up on records (delivery or metadata timeout)")
                    .anyMatch(KafkaEventSinkTest::gaveUp);
            kafka = startKafka(data, port);
            training.publish(finished());
            sink.close(Duration.ofSeconds(60));
        }
        try {
            assertThat(RunEventsLog.read(kafka.bootstrap(), "r-expired", PARTITIONS))
                    .isEqualTo(training.published.events());
        } finally {
            kafka.close();
        }
    }

    @Test
    void dropsOnlyStepEventsWhenMemoryAndDiskAreFullAndReportsExactlyWhichOnceThereIsRoom() throws Exception {
        int port = FreePort.find();
        KafkaSinkConfig config = KafkaSinkConfig.defaults(dir.resolve("spool")).withMemoryEvents(5)
                .withDisk(2048, 1024).withLinger(Duration.ZERO);
        Training training;
        EmbeddedKafka kafka = null;
        try (KafkaEventSink sink = new KafkaEventSink("127.0.0.1:" + port, "r-full", config)) {
            training = new Training("r-full", sink, 0);
            training.publish(started());
            for (int i = 0; i < 120; i++) {
                training.nextStep();
            }
            assertThat(sink.dropReportBefore(step(121))).as("no report while there is no room").isEmpty();
            kafka = startKafka(dir.resolve("kafka"), port);
            await().atMost(60, SECONDS).until(() -> sink.undelivered() == 0);
            training.nextStep();
            training.publish(finished());
            sink.close(Duration.ofSeconds(30));
        }
        try {
            List<EventEnvelope> published = training.published.events();
            List<EventEnvelope> delivered = RunEventsLog.read(kafka.bootstrap(), "r-full", PARTITIONS);
            List<EventEnvelope> dropped = published.stream().filter(e -> !delivered.contains(e)).toList();
            List<Long> droppedSeqs = seqs(dropped);
            List<EventsDropped> reports = delivered.stream().map(EventEnvelope::event)
                    .filter(EventsDropped.class::isInstance).map(EventsDropped.class::cast).toList();

            assertThat(dropped).isNotEmpty().allSatisfy(e -> assertThat(e.event()).isInstanceOf(StepCompleted.class));
            assertThat(published.stream().filter(e -> !(e.event() instanceof StepCompleted)))
                    .allSatisfy(e -> assertThat(delivered).contains(e));
            assertThat(delivered).isEqualTo(published.stream().filter(delivered::contains).toList());
            assertThat(reports).as("one report per run of drops").isNotEmpty()
                    .allSatisfy(report -> assertThat(report).isEqualTo(reportOf(droppedSeqs.stream()
                            .filter(seq -> seq >= report.firstSeq() && seq <= report.lastSeq()).toList())));
            assertThat(reports.stream().mapToLong(EventsDropped::count).sum()).isEqualTo(dropped.size());
            EventEnvelope last = delivered.stream().filter(e -> e.event().equals(reports.get(reports.size() - 1)))
                    .findFirst().orElseThrow();
            assertThat(delivered.get(delivered.indexOf(last) + 1).event()).as("the report once there is room")
                    .isEqualTo(step(121));
        } finally {
            kafka.close();
        }
    }

    private static EventsDropped reportOf(List<Long> seqs) {
        return new EventsDropped(seqs.size(), seqs.get(0), seqs.get(seqs.size() - 1),
                Map.of("StepCompleted", (long) seqs.size()),
                "Kafka unreachable: memory queue (5 events) and disk spool (2048 bytes) full");
    }

    @Test
    void aNewSinkOnTheSameSpoolSendsWhatTheOldOneLeftFirstInOrder() throws Exception {
        int port = FreePort.find();
        KafkaSinkConfig config = KafkaSinkConfig.defaults(dir.resolve("spool")).withMemoryEvents(10);
        Training before;
        try (KafkaEventSink sink = new KafkaEventSink("127.0.0.1:" + port, "r-restart", config);
             LogCapture log = new LogCapture(KafkaEventSink.class)) {
            before = new Training("r-restart", sink, 0);
            before.publish(started());
            for (int i = 0; i < 29; i++) {
                before.nextStep();
            }
            sink.close(Duration.ofMillis(300));
            assertThat(log.lines()).contains("WARN 30 events of run r-restart not delivered to Kafka within PT0.3S; "
                    + "kept in " + config.spoolDir() + " and sent first by the next sink for this run");
        }
        assertThat(segmentFiles(config.spoolDir())).isNotEmpty();

        EmbeddedKafka kafka = startKafka(dir.resolve("kafka"), port);
        try {
            Training after;
            try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrap(), "r-restart", config)) {
                after = new Training("r-restart", sink, before.publisher.lastSeq());
                after.step = before.step;
                for (int i = 0; i < 10; i++) {
                    after.nextStep();
                }
                after.publish(finished());
                sink.close(Duration.ofSeconds(30));
            }

            List<EventEnvelope> delivered = RunEventsLog.read(kafka.bootstrap(), "r-restart", PARTITIONS);
            assertThat(delivered).isEqualTo(Stream.concat(before.published.events().stream(),
                    after.published.events().stream()).toList());
            assertThat(seqs(delivered)).isEqualTo(LongStream.rangeClosed(1, 41).boxed().toList());
            assertThat(segmentFiles(config.spoolDir())).isEmpty();
        } finally {
            kafka.close();
        }
    }
}
