package io.coxswain.agent.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's checkpoints under one directory: {@code step-000120/} and {@code final-step-000200/}, each holding the
 * workload's files and {@value AgentCheckpoint#FILE}. A checkpoint is written into a hidden temporary directory and
 * renamed into place when complete, so a crash mid-write never leaves a checkpoint that looks usable.
 */
public final class CheckpointStore {
    private static final Pattern NAME = Pattern.compile("(final-)?step-(\\d{6,})");
    private static final ObjectMapper JSON = Json.mapper();

    private final Path runDir;

    public CheckpointStore(Path runDir) {
        this.runDir = runDir.toAbsolutePath();
    }

    public Path runDir() {
        return runDir;
    }

    /** Why {@code dir} is not a checkpoint directory of this machine, if it is not one. */
    public static Optional<String> notACheckpoint(Path dir) {
        if (!Files.exists(dir)) {
            return Optional.of("no such directory on this machine (checkpoint paths are local paths)");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("it is a file, not a checkpoint directory");
        }
        if (!Files.isRegularFile(dir.resolve(AgentCheckpoint.FILE))) {
            return Optional.of("it is not a checkpoint: it holds no " + AgentCheckpoint.FILE + " (name a "
                    + "step-NNNNNN or final-step-NNNNNN directory)");
        }
        return Optional.empty();
    }

    /**
     * Writes a checkpoint: {@code writeModel} fills the directory it is given and returns the bytes it wrote; then the
     * agent state is added and the directory renamed into place (replacing an older one of the same step).
     */
    public SavedCheckpoint write(AgentCheckpoint state, boolean isFinal, ToLongFunction<Path> writeModel) {
        String name = (isFinal ? "final-" : "") + String.format("step-%06d", state.step());
        Path target = runDir.resolve(name);
        Path partial = runDir.resolve("." + name + ".partial");
        try {
            Files.createDirectories(runDir);
            deleteTree(partial);
            Files.createDirectories(partial);
            long modelBytes = writeModel.applyAsLong(partial);
            Path stateFile = partial.resolve(AgentCheckpoint.FILE);
            JSON.writeValue(stateFile.toFile(), state);
            long bytes = modelBytes + Files.size(stateFile);
            deleteTree(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new SavedCheckpoint(target, state.step(), isFinal, bytes);
        } catch (IOException | UncheckedIOException e) {
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** Every complete checkpoint, oldest step first (a final one after a periodic one of the same step). */
    public List<SavedCheckpoint> list() {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        List<SavedCheckpoint> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(runDir)) {
            for (Path dir : entries.toList()) {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isRegularFile(dir.resolve(AgentCheckpoint.FILE))) {
                    found.add(new SavedCheckpoint(dir, Long.parseLong(m.group(2)), m.group(1) != null, size(dir)));
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot list checkpoints in " + runDir + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingLong(SavedCheckpoint::step).thenComparing(SavedCheckpoint::isFinal));
        return found;
    }

    public Optional<SavedCheckpoint> latest() {
        List<SavedCheckpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public AgentCheckpoint readState(SavedCheckpoint checkpoint) {
        return readState(checkpoint.dir());
    }

    /** The agent state of the checkpoint in {@code dir} (any run's); fails naming the file when it cannot be read. */
    public static AgentCheckpoint readState(Path dir) {
        Path file = dir.resolve(AgentCheckpoint.FILE);
        try {
            return JSON.readValue(file.toFile(), AgentCheckpoint.class);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the oldest periodic checkpoints so that at most {@code limit} remain (the final checkpoint is never
     * deleted and not counted); returns what was deleted. {@code limit} 0 keeps everything.
     */
    public List<SavedCheckpoint> prune(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<SavedCheckpoint> periodic = list().stream().filter(c -> !c.isFinal()).toList();
        List<SavedCheckpoint> deleted = new ArrayList<>();
        for (int i = 0; i < periodic.size() - limit; i++) {
            SavedCheckpoint old = periodic.get(i);
            try {
                deleteTree(old.dir());
            } catch (IOException e) {
                throw new CheckpointException("cannot delete old checkpoint " + old.dir() + ": " + e.getMessage(), e);
            }
            deleted.add(old);
        }
        return deleted;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
