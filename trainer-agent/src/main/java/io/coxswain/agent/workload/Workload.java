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

    /**
     * Reads the model parameters and optimizer state saved in {@code dir} by {@link #saveCheckpoint} of any workload
     * of the same model (another run's, for population-based training) and checks that they fit this one, without
     * changing this workload; fails with a {@link WorkloadException} naming the problem (no model there, another
     * model, other parameter shapes or another optimizer). {@link PreparedLoad#apply()} then installs them.
     * Workloads that cannot load other runs' checkpoints refuse, as this default does.
     */
    default PreparedLoad prepareLoad(Path dir) {
        throw new WorkloadException("workload " + name() + " cannot load checkpoints of other runs");
    }

    /**
     * A checkpoint's model read and checked by {@link #prepareLoad}, ready to install. {@link #apply()} replaces the
     * workload's parameters and optimizer state with the checkpoint's and keeps everything else (the learning rate
     * and weight decay the next request sets, the optimizer's settings); it does not fail.
     */
    @FunctionalInterface
    interface PreparedLoad {
        void apply();
    }
}
