package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.projection.ProjectionRebuild;
import io.coxswain.ledger.projection.RebuildProgress;
import io.coxswain.ledger.testing.MixedRuns;
import io.coxswain.ledger.testing.ProjectionSnapshot;
import io.coxswain.ledger.testing.ScratchDatabase;
import io.coxswain.ledger.testing.ScratchDatabases;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The projections do not depend on how messages arrive: Kafka keeps each run's events in order and each run's
 * commands in order, but not the two topics (or two runs) relative to each other, and the ingest cuts batches
 * where the polls end. For any such arrival, written through the real batch writer, the projections equal those of
 * the story written in its own order in one batch, and a rebuild (in chunks of any size) gives them again.
 */
class ArrivalOrderPropertyTest {
    private static Path dir;
    private static EmbeddedPostgresServer postgres;
    private static ScratchDatabases databases;

    @BeforeContainer
    static void startPostgres() throws IOException {
        dir = Files.createTempDirectory("ledger-arrival-order");
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        databases = new ScratchDatabases(postgres.jdbcUrl());
    }

    @AfterContainer
    static void stopPostgres() {
        postgres.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Property(tries = 8)
    void projectionsEndTheSameWhateverTheArrivalOrderAndBatchingAndTheRebuildGivesThemAgain(
            @ForAll @Size(100) List<@IntRange(min = 0, max = 1000) Integer> picks,
            @ForAll @Size(100) List<@IntRange(min = 1, max = 12) Integer> batchSizes,
            @ForAll @IntRange(min = 1, max = 10) int chunkSize) {
        MixedRuns story = MixedRuns.of("order");
        try (ScratchDatabase inOrder = databases.create(); ScratchDatabase shuffled = databases.create()) {
            TestBatches ordered = new TestBatches(inOrder.jdbi(), "in-order");
            ordered.write(story.arrival());
            TestBatches arriving = new TestBatches(shuffled.jdbi(), "shuffled");
            List<Object> arrival = interleaved(story.arrival(), picks);
            for (List<Object> batch : batches(arrival, batchSizes)) {
                arriving.write(batch);
            }
            ProjectionSnapshot expected = ProjectionSnapshot.of(inOrder.jdbi());

            assertThat(ProjectionSnapshot.of(shuffled.jdbi())).isEqualTo(expected);
            new ProjectionRebuild(shuffled.jdbi(), "the shuffled ledger", chunkSize).run(RebuildProgress.NONE);
            assertThat(ProjectionSnapshot.of(shuffled.jdbi())).isEqualTo(expected);
        }
    }

    /** The messages as Kafka may deliver them: each run's events, and each run's commands, keep their order. */
    private static List<Object> interleaved(List<Object> messages, List<Integer> picks) {
        Map<String, Deque<Object>> streams = new LinkedHashMap<>();
        for (Object message : messages) {
            String stream = message instanceof EventEnvelope e ? "events:" + e.runId()
                    : "control:" + ((ControlCommand) message).runId();
            streams.computeIfAbsent(stream, s -> new ArrayDeque<>()).add(message);
        }
        List<Object> arrival = new ArrayList<>();
        int pick = 0;
        while (arrival.size() < messages.size()) {
            List<Deque<Object>> open = streams.values().stream().filter(s -> !s.isEmpty()).toList();
            arrival.add(open.get(picks.get(pick++ % picks.size()) % open.size()).poll());
        }
        return arrival;
    }

    private static List<List<Object>> batches(List<Object> arrival, List<Integer> sizes) {
        List<List<Object>> batches = new ArrayList<>();
        int from = 0;
        for (int i = 0; from < arrival.size(); i++) {
            int to = Math.min(arrival.size(), from + sizes.get(i % sizes.size()));
            batches.add(arrival.subList(from, to));
            from = to;
        }
        return batches;
    }
}
