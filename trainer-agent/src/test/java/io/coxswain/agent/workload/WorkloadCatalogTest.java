package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.workload.plugin.LinearProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadCatalogTest {
    private static final ModelSettings SETTINGS = new ModelSettings(3, OptimizerSettings.of(Optimizer.ADAM), 0.05, 0);

    @Test
    void findsTheBuiltInWorkloadsAndThePluginOnTheClassPath() {
        assertThat(WorkloadCatalog.names()).containsExactly("char-rnn", "cnn-shapes", "iris", "mlp-blobs",
                "mlp-mixture", "test-linear");
        assertThat(WorkloadCatalog.find("test-linear")).get().isInstanceOf(LinearProvider.class);
        assertThat(WorkloadCatalog.trainSize("mlp-mixture")).contains(12_000);
    }

    @Test
    void createsAndTrainsAPluggedInWorkloadThroughTheCatalog() {
        Workload workload = WorkloadCatalog.create("test-linear", SETTINGS);
        Map<String, Double> before = workload.evaluate();

        List<Double> losses = Requests.train(workload, 0, 30, 16, 0.05);

        assertThat(workload.name()).isEqualTo("test-linear");
        assertThat(losses.get(29)).isLessThan(losses.get(0));
        assertThat(workload.evaluate().get("eval_accuracy")).isGreaterThan(0.8)
                .isGreaterThanOrEqualTo(before.get("eval_accuracy"));
    }

    @Test
    void everyProviderDeclaresTheSourcesItsWorkloadHas() {
        for (String name : WorkloadCatalog.names()) {
            WorkloadProvider provider = WorkloadCatalog.require(name);
            Workload workload = provider.create(SETTINGS);
            assertThat(workload.name()).isEqualTo(name);
            assertThat(workload.sources()).as(name).isEqualTo(provider.sources());
            assertThat(provider.description()).as(name).isNotBlank();
        }
    }

    @Test
    void anUnknownNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> WorkloadCatalog.create("resnet-50", SETTINGS))
                .isInstanceOf(WorkloadException.class)
                .hasMessage("unknown workload 'resnet-50' (known: char-rnn, cnn-shapes, iris, mlp-blobs, mlp-mixture,"
                        + " test-linear)");
    }

    @Test
    void twoProvidersWithOneNameFailNamingBothClasses() {
        WorkloadProvider impostor = new Renamed(MlpBlobsProvider.NAME);

        assertThatThrownBy(() -> WorkloadCatalog.index(List.of(new MlpBlobsProvider(), impostor)))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("two workloads are named 'mlp-blobs'")
                .hasMessageContaining(MlpBlobsProvider.class.getName())
                .hasMessageContaining(Renamed.class.getName());
    }

    @Test
    void aProviderWithAMalformedNameFails() {
        assertThatThrownBy(() -> WorkloadCatalog.index(List.of(new Renamed("My Model"))))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("'My Model'")
                .hasMessageContaining("lower-case letters, digits and '-'");
    }

    /** The plug-in under another name. */
    private static final class Renamed implements WorkloadProvider {
        private final String name;

        Renamed(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "renamed test plug-in";
        }

        @Override
        public List<DataSource> sources() {
            return new LinearProvider().sources();
        }

        @Override
        public Workload create(ModelSettings settings) {
            return new LinearProvider().create(settings);
        }
    }
}
