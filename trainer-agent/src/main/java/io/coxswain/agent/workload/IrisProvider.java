package io.coxswain.agent.workload;

import java.util.List;

/** {@code iris}: a 4-16-16-3 MLP on Fisher's Iris data ({@link IrisData}), one source {@code iris}. */
public final class IrisProvider implements WorkloadProvider {
    public static final String NAME = "iris";
    static final int HIDDEN = 16;
    static final List<DataSource> SOURCES = List.of(new DataSource("iris", IrisData.TRAIN_SIZE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "4-16-16-3 MLP on Fisher's Iris flowers (120 train / 30 held out, 10 per species)";
    }

    @Override
    public List<DataSource> sources() {
        return SOURCES;
    }

    @Override
    public NetworkWorkload create(ModelSettings settings) {
        IrisData data = IrisData.load();
        return new NetworkWorkload(NAME, SOURCES,
                new ArraySamples(data.trainFeatures(), data.trainLabels(), IrisData.FEATURES),
                new Batch(data.heldOutFeatures(), data.heldOutLabels()),
                Networks.build(MlpNetwork.configuration(settings, IrisData.FEATURES, HIDDEN, IrisData.CLASSES),
                        settings),
                settings.optimizer().kind(), 1, true);
    }
}
