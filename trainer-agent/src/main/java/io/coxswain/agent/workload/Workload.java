package io.coxswain.agent.workload;

import java.nio.file.Path;
import java.util.Map;

/**
 * A model and its data, trained one minibatch at a time by the training loop. Not thread-safe: every call comes from
 * the training thread. Implementations: {@link MlpBlobsWorkload}.
 */
public interface Workload {

    String name();

    /** Number of samples in the training split; sample indices run from 0 to {@code trainSize() - 1}. */
    int trainSize();

    /** One optimizer step on the training samples with these indices. */
    StepResult fit(int[] sampleIndices);

    /** Metrics on the held-out split, e.g. {@code eval_loss} and {@code eval_accuracy}. */
    Map<String, Double> evaluate();

    /** Replaces the learning rate in effect, from the next step on, keeping the optimizer state. */
    void setLearningRate(double learningRate);

    /** The learning rate the model will use in its next step. */
    double learningRate();

    /** Writes the model, its optimizer state included, to {@code file}; returns the bytes written. */
    long saveCheckpoint(Path file);
}
