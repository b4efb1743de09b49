package io.coxswain.agent.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Workload} made of a DL4J network, its training samples and a held-out batch; every built-in workload is
 * one. Steps go through {@link NetworkTrainer}; {@link #evaluate()} reports {@code eval_loss} (mean per sample, or per
 * time step for sequences, without the weight decay penalty) and, for classifiers, {@code eval_accuracy}.
 */
public final class NetworkWorkload implements Workload {
    private final String name;
    private final List<DataSource> sources;
    private final Samples train;
    private final Batch heldOut;
    private final boolean classifier;
    private final NetworkTrainer trainer;

    /**
     * @param lossTermsPerSample the time steps a sample's loss is summed over (1 for feed-forward networks)
     * @param classifier         true to report {@code eval_accuracy}
     */
    public NetworkWorkload(String name, List<DataSource> sources, Samples train, Batch heldOut, MultiLayerNetwork network,
                    Optimizer optimizer, int lossTermsPerSample, boolean classifier) {
        int declared = sources.stream().mapToInt(DataSource::trainSize).sum();
        if (declared != train.size()) {
            throw new IllegalArgumentException(name + " declares " + declared + " training samples but holds "
                    + train.size());
        }
        this.name = name;
        this.sources = List.copyOf(sources);
        this.train = train;
        this.heldOut = heldOut;
        this.classifier = classifier;
        this.trainer = new NetworkTrainer(network, optimizer, lossTermsPerSample);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<DataSource> sources() {
        return sources;
    }

    @Override
    public StepResult step(StepRequest request) {
        return trainer.step(request, train);
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("eval_loss", trainer.meanLoss(heldOut));
        if (classifier) {
            Evaluation evaluation = new Evaluation();
            evaluation.eval(heldOut.labels(), trainer.network().output(heldOut.features(), false));
            metrics.put("eval_accuracy", evaluation.accuracy());
        }
        return metrics;
    }

    @Override
    public long saveCheckpoint(Path dir) {
        return ModelCheckpoint.write(trainer.network(), dir);
    }

    @Override
    public void restoreCheckpoint(Path dir) {
        MultiLayerNetwork restored = ModelCheckpoint.read(dir);
        MultiLayerNetwork current = trainer.network();
        Networks.mismatch(restored, current).ifPresent(problem -> {
            throw new WorkloadException("the checkpoint in " + dir + " holds another model than " + name + ": "
                    + problem);
        });
        trainer.use(restored);
    }

    @Override
    public PreparedLoad prepareLoad(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ModelCheckpoint.FILE))) {
            throw new WorkloadException("it holds no " + ModelCheckpoint.FILE);
        }
        MultiLayerNetwork saved = ModelCheckpoint.read(dir);
        Networks.mismatch(saved, trainer.network()).ifPresent(problem -> {
            throw new WorkloadException("its model does not fit this run's " + name + " model: " + problem);
        });
        INDArray params = saved.params();
        INDArray updaterState = Networks.updaterState(saved);
        return () -> trainer.load(params, updaterState);
    }

    /** Sets the rate in place (see {@link Hyperparameters}); a step sets its request's rate itself. */
    public void setLearningRate(double learningRate) {
        trainer.setLearningRate(learningRate);
    }

    public double learningRate() {
        return trainer.learningRate();
    }

    /** Samples in the held-out batch. */
    public int heldOutSize() {
        return heldOut.size();
    }

    /** The network itself, for tests in this package that look at its parameters and optimizer state. */
    MultiLayerNetwork network() {
        return trainer.network();
    }

    /** The per-sample losses of a batch under the current parameters (per time step for sequences). */
    double[] sampleLosses(Batch batch) {
        return trainer.sampleLosses(batch);
    }

    /** The training samples, for tests in this package. */
    Samples train() {
        return train;
    }
}
