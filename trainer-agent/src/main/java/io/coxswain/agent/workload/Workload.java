package io.coxswain.agent.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model and its data, trained one optimizer step at a time by the training loop. Not thread-safe: every call comes
 * from the training thread. Built by a {@link WorkloadProvider}.
 */
public interface Workload {

    String name();

    /** The training data sources, in global index order (the same list as the provider's). */
    List<DataSource> sources();

    /** Samples in all training sources together; sample indices run from 0 to {@code trainSize() - 1}. */
    default int trainSize() {
        return sources().stream().mapToInt(DataSource::trainSize).sum();
    }

    /** One optimizer step, as the request describes. */
    StepResult step(StepRequest request);

    /** Metrics on the held-out split, e.g. {@code eval_loss} and {@code eval_accuracy}. */
    Map<String, Double> evaluate();

    /**
     * Writes the model with its optimizer state (Adam moments, momentum) into the existing directory {@code dir};
     * returns the bytes written. {@link #restoreCheckpoint} of that directory continues bit for bit.
     */
    long saveCheckpoint(Path dir);

    /** Replaces the model and its optimizer state with those saved in {@code dir}. */
    void restoreCheckpoint(Path dir);
}
