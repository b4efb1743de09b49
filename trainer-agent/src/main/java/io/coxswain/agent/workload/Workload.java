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

    /** One optimizer step, as the request describes; a sample index outside the training split is rejected. */
    StepResult step(StepRequest request);

    /** Metrics on the held-out split, e.g. {@code eval_loss} and {@code eval_accuracy}. */
    Map<String, Double> evaluate();

    /**
     * Writes the model with its optimizer state (Adam moments, momentum) into the directory {@code dir}, creating it
     * if missing, atomically (a reader never sees a partial model file under its final name); returns the bytes
     * written. The training loop's own state (step, epoch, sampler position, hyperparameters) is not included: the
     * next {@link StepRequest} carries it. A fresh workload of the same name and settings that
     * {@link #restoreCheckpoint restores} that directory and is sent the same requests continues bit for bit.
     */
    long saveCheckpoint(Path dir);

    /**
     * Replaces the model and its optimizer state with those saved in {@code dir} by {@link #saveCheckpoint}; fails
     * with a {@link WorkloadException} when there is none or it holds another model. The next step's request sets the
     * learning rate and weight decay again.
     */
    void restoreCheckpoint(Path dir);
}
