package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading another run's model and optimizer state into a workload (population-based training's exploit step). */
class CheckpointLoadTest {
    @TempDir
    Path dir;

    private static NetworkWorkload mlp(long seed, Optimizer optimizer) {
        return (NetworkWorkload) new MlpBlobsProvider().create(new ModelSettings(seed, OptimizerSettings.of(optimizer),
                0.003, 0));
    }

    private static float[] params(NetworkWorkload workload) {
        return workload.network().params().dup().data().asFloat();
    }

    private static float[] optimizerState(NetworkWorkload workload) {
        return workload.network().getUpdater().getStateViewArray().dup().data().asFloat();
    }

    @Test
    void copiesTheParametersAndOptimizerStateExactlyAndKeepsItsOwnRate() {
        NetworkWorkload leader = mlp(7, Optimizer.ADAM);
        Requests.train(leader, 0, 8, 32, 0.003);
        leader.saveCheckpoint(dir);
        NetworkWorkload follower = mlp(42, Optimizer.ADAM);
        Requests.train(follower, 0, 3, 32, 0.001);
        float[] before = params(follower);

        Workload.PreparedLoad load = follower.prepareLoad(dir);
        assertThat(params(follower)).as("preparing changes nothing").isEqualTo(before);
        load.apply();

        assertThat(params(follower)).isEqualTo(params(leader)).isNotEqualTo(before);
        assertThat(optimizerState(follower)).isEqualTo(optimizerState(leader));
        assertThat(follower.learningRate()).isEqualTo(0.001);
        assertThat(Requests.train(follower, 3, 4, 32, 0.001).get(0)).isFinite();
    }

    @Test
    void refusesAnotherModelNamingTheDifferenceAndChangesNothing() {
        Workload cnn = new CnnShapesProvider().create(new ModelSettings(7, OptimizerSettings.of(Optimizer.ADAM),
                0.003, 0));
        cnn.saveCheckpoint(dir);
        NetworkWorkload follower = mlp(42, Optimizer.ADAM);
        float[] before = params(follower);

        assertThatThrownBy(() -> follower.prepareLoad(dir)).isInstanceOf(WorkloadException.class)
                .hasMessage("its model does not fit this run's mlp-blobs model: it has 6 layers, this run's network 3");
        assertThat(params(follower)).isEqualTo(before);
    }

    @Test
    void refusesAModelOfTheSameLayersWithOtherShapes() {
        new IrisProvider().create(new ModelSettings(7, OptimizerSettings.of(Optimizer.ADAM), 0.003, 0))
                .saveCheckpoint(dir);

        assertThatThrownBy(() -> mlp(42, Optimizer.ADAM).prepareLoad(dir))
                .hasMessageStartingWith("its model does not fit this run's mlp-blobs model: it has ")
                .hasMessageEndingWith(" parameters, this run's network 5508");
    }

    @Test
    void refusesAnotherOptimizerAndADirectoryWithoutAModel(@TempDir Path empty) {
        mlp(7, Optimizer.SGD).saveCheckpoint(dir);
        NetworkWorkload follower = mlp(42, Optimizer.ADAM);

        assertThatThrownBy(() -> follower.prepareLoad(dir)).hasMessage("its model does not fit this run's mlp-blobs"
                + " model: layer 0 trains with Sgd in the checkpoint, Adam in this run");
        assertThatThrownBy(() -> follower.prepareLoad(empty)).hasMessage("it holds no model.zip");
    }
}
