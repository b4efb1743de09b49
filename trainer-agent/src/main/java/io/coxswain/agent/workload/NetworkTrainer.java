package io.coxswain.agent.workload;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Takes one optimizer step per {@link StepRequest} on a DL4J network, by hand rather than with
 * {@link MultiLayerNetwork#fit}: for each micro-batch, DL4J's backprop fills the network's flattened gradient view with
 * the gradient of the loss summed over the micro-batch's samples; those sums are added up, divided by the step's
 * sample count (so the step follows the mean loss over all samples, whatever the micro-batch sizes), measured
 * ({@link StepResult#gradNorm()}), clipped to {@link StepRequest#maxGradNorm()}, and handed to the network's own
 * updater, which adds the L2 term, turns the gradient into the update in place (Adam's bias correction with the
 * request's iteration) and adds decoupled weight decay; the update is then subtracted from the parameters. With one
 * micro-batch and no clipping this is what {@code fit} does, minus its listeners.
 *
 * <p>Sequence networks sum their loss over the time steps of a sample; {@code lossTermsPerSample} divides the loss, the
 * sample losses and the gradient so that the step follows, and reports, the mean loss per time step. Networks with
 * parameters that are not trained by gradient (batch normalization's running statistics) are not supported.
 */
final class NetworkTrainer {
    private final Optimizer optimizer;
    private final int lossTermsPerSample;
    private MultiLayerNetwork network;
    private double learningRate;
    private double weightDecay;

    NetworkTrainer(MultiLayerNetwork network, Optimizer optimizer, int lossTermsPerSample) {
        if (lossTermsPerSample < 1) {
            throw new IllegalArgumentException("a sample has at least one loss term, got " + lossTermsPerSample);
        }
        this.optimizer = optimizer;
        this.lossTermsPerSample = lossTermsPerSample;
        use(network);
    }

    MultiLayerNetwork network() {
        return network;
    }

    /** Replaces the network (a restored checkpoint); the next step sets its rate and decay again. */
    void use(MultiLayerNetwork replacement) {
        this.network = replacement;
        this.learningRate = Double.NaN;
        this.weightDecay = Double.NaN;
    }

    /**
     * Copies the parameters and optimizer state of a network of the same shape into this one (checked by
     * {@link Networks#mismatch}), keeping this network's configuration: its optimizer settings, rate and decay.
     *
     * @param updaterState the optimizer state, or null when the optimizer keeps none
     */
    void load(INDArray params, INDArray updaterState) {
        network.params().assign(params);
        if (updaterState != null) {
            network.getUpdater().getStateViewArray().assign(updaterState);
        }
    }

    StepResult step(StepRequest request, Samples samples) {
        setLearningRate(request.learningRate());
        setWeightDecay(request.weightDecay());
        int total = request.batchSize();
        INDArray gradient = null;
        INDArray sum = null;
        double lossSum = 0;
        double[] sampleLosses = request.wantSampleLosses() ? new double[total] : null;
        int at = 0;
        for (Batch micro : microBatches(request, samples)) {
            if (sampleLosses != null) {
                double[] losses = sampleLosses(micro);
                System.arraycopy(losses, 0, sampleLosses, at, losses.length);
            }
            network.setInput(micro.features());
            network.setLabels(micro.labels());
            network.computeGradientAndScore();
            gradient = network.getFlattenedGradients();
            lossSum += (network.score() - network.calcRegularizationScore(true)) * micro.size();
            if (request.microBatches().length > 1) {
                sum = sum == null ? gradient.dup() : sum.addi(gradient);
            }
            at += micro.size();
        }
        if (sum != null) {
            gradient.assign(sum);
        }
        gradient.divi((double) total * lossTermsPerSample);
        double norm = gradient.norm2Number().doubleValue();
        if (request.maxGradNorm() > 0 && norm > request.maxGradNorm()) {
            gradient.muli(request.maxGradNorm() / norm);
        }
        int iteration = Math.toIntExact(request.iteration());
        int epoch = Math.toIntExact(request.epoch());
        network.getUpdater().update(network, network.gradient(), iteration, epoch, 1,
                LayerWorkspaceMgr.noWorkspaces());
        network.params().subi(gradient.reshape(gradient.length()));
        network.setIterationCount(iteration + 1);
        network.setEpochCount(epoch);
        network.clearLayersStates();
        return new StepResult(lossSum / total / lossTermsPerSample, norm, sampleLosses);
    }

    /** The per-sample losses of a batch under the current parameters, without regularization, in batch order. */
    double[] sampleLosses(Batch batch) {
        INDArray scores = network.scoreExamples(batch.dataSet(), false);
        double[] losses = scores.dup().data().asDouble();
        for (int i = 0; i < losses.length; i++) {
            losses[i] /= lossTermsPerSample;
        }
        return losses;
    }

    /** The mean loss of a batch under the current parameters, without regularization. */
    double meanLoss(Batch batch) {
        double sum = 0;
        for (double loss : sampleLosses(batch)) {
            sum += loss;
        }
        return sum / batch.size();
    }

    void setLearningRate(double rate) {
        if (rate != learningRate) {
            Hyperparameters.setLearningRate(network, rate);
            learningRate = rate;
        }
    }

    double learningRate() {
        return Hyperparameters.learningRate(network);
    }

    void setWeightDecay(double decay) {
        if (decay != weightDecay) {
            Hyperparameters.setWeightDecay(network, optimizer, decay);
            weightDecay = decay;
        }
    }

    /** The whole batch gathered once (and corrupted once, if asked), cut back into its micro-batches. */
    private List<Batch> microBatches(StepRequest request, Samples samples) {
        Batch whole = samples.batch(request.allIndices());
        if (request.corruption() != null) {
            whole = Corruptor.apply(whole, request.corruption());
        }
        if (request.microBatches().length == 1) {
            return List.of(whole);
        }
        List<Batch> micro = new ArrayList<>(request.microBatches().length);
        int from = 0;
        for (int[] indices : request.microBatches()) {
            int to = from + indices.length;
            micro.add(new Batch(rows(whole.features(), from, to), rows(whole.labels(), from, to)));
            from = to;
        }
        return micro;
    }

    private static INDArray rows(INDArray array, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        index[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return array.get(index).dup('c');
    }
}
