package io.coxswain.agent.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path root;

    private Path runDir() {
        return root.resolve("r-1");
    }

    private static AgentCheckpoint state(long step) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("learning_rate", DoubleNode.valueOf(0.001));
        values.put("batch_size", IntNode.valueOf(32));
        return new AgentCheckpoint(step, Json.mapper().createObjectNode().put("run_id", "r-1"),
                Json.mapper().createObjectNode().put("epoch", 0), values, List.of("c-1", "c-2"), false, 7, true, 32,
                32, 32, 40, Instant.parse("2026-11-22T10:00:00Z"), null);
    }

    /** A workload that writes {@code bytes} bytes of model. */
    private static long model(Path dir, int bytes) {
        try {
            Files.write(dir.resolve("model.bin"), new byte[bytes]);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheModelAndTheAgentStateIntoTheStepsDirectoryAndReadsTheStateBack() throws IOException {
        CheckpointStore store = new CheckpointStore(runDir());

        SavedCheckpoint saved = store.write(state(5), false, dir -> model(dir, 10));

        Path dir = runDir().toAbsolutePath().resolve("step-000005");
        long stateBytes = Files.size(dir.resolve(AgentCheckpoint.FILE));
        assertThat(saved).isEqualTo(new SavedCheckpoint(dir, 5, false, 10 + stateBytes));
        assertThat(entries(runDir())).containsExactly("step-000005");
        assertThat(entries(dir)).containsExactly(AgentCheckpoint.FILE, "model.bin");
        assertThat(store.readState(saved)).isEqualTo(state(5));
        assertThat(store.list()).containsExactly(saved);
    }

    @Test
    void aWriteThatFailsMidwayLeavesNoCheckpointThatLooksUsable() {
        CheckpointStore store = new CheckpointStore(runDir());
        SavedCheckpoint earlier = store.write(state(2), false, dir -> model(dir, 10));

        assertThatThrownBy(() -> store.write(state(4), false, dir -> {
            model(dir, 10);
            throw new UncheckedIOException(new IOException("disk full"));
        })).isInstanceOf(CheckpointException.class)
                .hasMessage("cannot write checkpoint " + runDir().toAbsolutePath().resolve("step-000004")
                        + ": java.io.IOException: disk full");

        assertThat(store.list()).containsExactly(earlier);
        assertThat(store.latest()).contains(earlier);
    }

    @Test
    void listsCompleteCheckpointsByStepWithTheFinalOneLastAndIgnoresPartialOrForeignDirectories() throws IOException {
        CheckpointStore store = new CheckpointStore(runDir());
        SavedCheckpoint ten = store.write(state(10), false, dir -> model(dir, 1));
        SavedCheckpoint finalThree = store.write(state(3), true, dir -> model(dir, 1));
        SavedCheckpoint three = store.write(state(3), false, dir -> model(dir, 1));
        Path partial = Files.createDirectories(runDir().resolve(".step-000012.partial"));
        Files.writeString(partial.resolve(AgentCheckpoint.FILE), "{}");
        Files.createDirectories(runDir().resolve("step-000011")); // no agent state: never completed
        Files.writeString(Files.createDirectories(runDir().resolve("notes")).resolve(AgentCheckpoint.FILE), "{}");

        assertThat(store.list()).containsExactly(three, finalThree, ten);
        assertThat(store.latest()).contains(ten);
    }

    @Test
    void pruningKeepsTheNewestPeriodicCheckpointsAndNeverTheFinalOne() throws IOException {
        CheckpointStore store = new CheckpointStore(runDir());
        SavedCheckpoint two = store.write(state(2), false, dir -> model(dir, 1));
        SavedCheckpoint four = store.write(state(4), false, dir -> model(dir, 1));
        SavedCheckpoint six = store.write(state(6), false, dir -> model(dir, 1));
        SavedCheckpoint last = store.write(state(6), true, dir -> model(dir, 1));

        assertThat(store.prune(0)).isEmpty();
        assertThat(store.prune(2)).containsExactly(two);
        assertThat(store.prune(1)).containsExactly(four);

        assertThat(store.list()).containsExactly(six, last);
        assertThat(entries(runDir())).containsExactly("final-step-000006", "step-000006");
    }

    @Test
    void rewritingAStepReplacesItsCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(runDir());
        store.write(state(5), false, dir -> model(dir, 100));

        SavedCheckpoint again = store.write(state(5), false, dir -> model(dir, 3));

        assertThat(store.list()).containsExactly(again);
        assertThat(again.bytes()).isEqualTo(3 + Files.size(again.dir().resolve(AgentCheckpoint.FILE)));
        assertThat(Files.size(again.dir().resolve("model.bin"))).isEqualTo(3);
    }
}
