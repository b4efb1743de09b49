package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class OptimizerSettingsTest {

    @Test
    void mapsEachOptimizerToItsDl4jUpdaterWithTheConfiguredConstants() {
        OptimizerSettings momentum = new OptimizerSettings(Optimizer.MOMENTUM, 0.9, 0.999, 1e-8, 0.5);
        OptimizerSettings adamw = new OptimizerSettings(Optimizer.ADAMW, 0.8, 0.99, 1e-6, 0.9);

        assertThat(OptimizerSettings.of(Optimizer.SGD).updater(0.1)).isEqualTo(new Sgd(0.1));
        assertThat(momentum.updater(0.1)).isEqualTo(new Nesterovs(0.1, 0.5));
        assertThat(OptimizerSettings.of(Optimizer.ADAM).updater(0.1)).isEqualTo(new Adam(0.1, 0.9, 0.999, 1e-8));
        assertThat(adamw.updater(0.1)).isEqualTo(new Adam(0.1, 0.8, 0.99, 1e-6));
        assertThat(Optimizer.ADAMW.decouplesWeightDecay()).isTrue();
        assertThat(Optimizer.ADAM.decouplesWeightDecay()).isFalse();
    }

    @Test
    void aMomentumWorkloadTrainsWithNesterovsMomentum() {
        OptimizerSettings settings = new OptimizerSettings(Optimizer.MOMENTUM, 0.9, 0.999, 1e-8, 0.5);
        NetworkWorkload workload = new MlpBlobsProvider().create(new ModelSettings(7, settings, 0.05, 0));

        var losses = Requests.train(workload, 0, 20, 32, 0.05);

        assertThat(((BaseLayer) workload.network().getLayer(0).conf().getLayer()).getIUpdater())
                .isEqualTo(new Nesterovs(0.05, 0.5));
        assertThat(losses.get(19)).isLessThan(losses.get(0));
    }

    @Test
    void rejectsConstantsOutsideTheirRange() {
        assertThatThrownBy(() -> new OptimizerSettings(Optimizer.ADAM, 1.0, 0.999, 1e-8, 0.9))
                .hasMessageContaining("beta1");
        assertThatThrownBy(() -> new OptimizerSettings(Optimizer.ADAM, 0.9, 0.999, 0, 0.9))
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new OptimizerSettings(Optimizer.MOMENTUM, 0.9, 0.999, 1e-8, -0.1))
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new OptimizerSettings(null, 0.9, 0.999, 1e-8, 0.9))
                .hasMessageContaining("optimizer");
    }
}
