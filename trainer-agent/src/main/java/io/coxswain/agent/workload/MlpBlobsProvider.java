package io.coxswain.agent.workload;

import java.util.List;

/**
 * {@code mlp-blobs}: a {@value BlobsData#FEATURES}-{@value #HIDDEN}-{@value #HIDDEN}-{@value BlobsData#CLASSES} MLP
 * classifying {@link BlobsData}, one source {@code blobs}. One step of 32 samples takes about a millisecond.
 */
public final class MlpBlobsProvider implements WorkloadProvider {
    public static final String NAME = "mlp-blobs";
    static final int HIDDEN = 64;
    static final List<DataSource> SOURCES = List.of(new DataSource("blobs", BlobsData.TRAIN_SIZE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "16-64-64-4 MLP on 4 overlapping Gaussian blobs (8000 train / 2000 held out)";
    }

    @Override
    public List<DataSource> sources() {
        return SOURCES;
    }

    @Override
    public NetworkWorkload create(ModelSettings settings) {
        BlobsData data = BlobsData.generate();
        return new NetworkWorkload(NAME, SOURCES,
                new ArraySamples(data.trainFeatures(), data.trainLabels(), BlobsData.FEATURES),
                new Batch(data.heldOutFeatures(), data.heldOutLabels()),
                Networks.build(MlpNetwork.configuration(settings, BlobsData.FEATURES, HIDDEN, BlobsData.CLASSES),
                        settings),
                settings.optimizer().kind(), 1, true);
    }
}
