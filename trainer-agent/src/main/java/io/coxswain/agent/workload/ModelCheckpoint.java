package io.coxswain.agent.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A network with its updater state (Adam's moments, the momentum) in {@value #FILE} inside a checkpoint directory,
 * in DL4J's own format. Written to a temporary file first and then moved into place, so the directory never holds a
 * partial model under the final name.
 */
final class ModelCheckpoint {
    static final String FILE = "model.zip";

    private ModelCheckpoint() {
    }

    /** Writes the model into {@code dir} (created if missing); returns the model file's size in bytes. */
    static long write(MultiLayerNetwork network, Path dir) {
        Path file = dir.resolve(FILE);
        Path partial = dir.resolve(FILE + ".partial");
        try {
            Files.createDirectories(dir);
            ModelSerializer.writeModel(network, partial.toFile(), true);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(file);
        } catch (IOException e) {
            throw new WorkloadException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the model and its updater state written by {@link #write}. */
    static MultiLayerNetwork read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new WorkloadException("no checkpoint at " + file);
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new WorkloadException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
