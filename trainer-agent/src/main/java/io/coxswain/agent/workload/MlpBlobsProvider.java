package io.coxswain.agent.workload;

import java.util.List;

/** {@code mlp-blobs}: a 16-64-64-4 MLP classifying seeded overlapping Gaussian blobs. */
public final class MlpBlobsProvider implements WorkloadProvider {
    static final List<DataSource> SOURCES = List.of(new DataSource("blobs", BlobsData.TRAIN_SIZE));

    @Override
    public String name() {
        return MlpBlobsWorkload.NAME;
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
    public Workload create(ModelSettings settings) {
        return MlpBlobsWorkload.create(settings);
    }
}
