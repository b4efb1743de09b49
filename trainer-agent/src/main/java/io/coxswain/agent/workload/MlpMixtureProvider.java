package io.coxswain.agent.workload;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code mlp-mixture}: the {@code mlp-blobs} network fed from two sources, for data-mixing experiments. {@code clean}
 * is the blobs training split itself; {@code noisy} is drawn around the same class centers with a wider spread
 * ({@value #NOISY_SPREAD}) and {@value #NOISY_LABEL_NOISE} of its labels replaced by a wrong class. The held-out split
 * is the clean one of {@code mlp-blobs}, so weighting {@code noisy} up shows as a worse held-out loss.
 */
public final class MlpMixtureProvider implements WorkloadProvider {
    public static final String NAME = "mlp-mixture";
    static final int NOISY_SIZE = 4000;
    static final double NOISY_SPREAD = 2.6;
    static final double NOISY_LABEL_NOISE = 0.3;
    static final long NOISY_SEED = 20_260_102L;
    static final List<DataSource> SOURCES = List.of(new DataSource("clean", BlobsData.TRAIN_SIZE),
            new DataSource("noisy", NOISY_SIZE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "16-64-64-4 MLP on Gaussian blobs from two sources: clean (8000) and noisy (4000: wider, 30% wrong"
                + " labels); 2000 clean held out";
    }

    @Override
    public List<DataSource> sources() {
        return SOURCES;
    }

    @Override
    public NetworkWorkload create(ModelSettings settings) {
        BlobsData clean = BlobsData.generate();
        INDArray[] noisy = BlobsData.draw(new Random(NOISY_SEED), BlobsData.centers(), NOISY_SIZE, NOISY_SPREAD,
                NOISY_LABEL_NOISE);
        INDArray features = Nd4j.vstack(clean.trainFeatures(), noisy[0]);
        INDArray labels = Nd4j.vstack(clean.trainLabels(), noisy[1]);
        return new NetworkWorkload(NAME, SOURCES, new ArraySamples(features, labels, BlobsData.FEATURES),
                new Batch(clean.heldOutFeatures(), clean.heldOutLabels()),
                Networks.build(MlpNetwork.configuration(settings, BlobsData.FEATURES, MlpBlobsProvider.HIDDEN,
                        BlobsData.CLASSES), settings),
                settings.optimizer().kind(), 1, true);
    }
}
