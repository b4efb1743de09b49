package io.coxswain.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.workload.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigTest {

    @Test
    void fillsDefaultsForEverythingButTheRunId() {
        TrainingConfig config = TrainingConfig.builder("r-1").build();

        assertThat(config).isEqualTo(new TrainingConfig("r-1", "default", "mlp-blobs", 1000, 42, 32, 0.001,
                Optimizer.ADAM, 10, 100, Path.of("checkpoints")));
        assertThat(config.runCheckpointDir()).isEqualTo(Path.of("checkpoints", "r-1"));
    }

    @Test
    void listsEveryInvalidSettingInOneException() {
        TrainingConfig.Builder builder = TrainingConfig.builder("r-1").workload("gpt-9").maxSteps(0)
                .batchSize(0).learningRate(Double.NaN).loggingSteps(0).evalSteps(-1).optimizer(null);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "workload 'gpt-9' is unknown (known: mlp-blobs)",
                        "maxSteps must be >= 1, got 0",
                        "batchSize must be >= 1, got 0",
                        "learningRate: learning_rate must be a finite number, got NaN",
                        "optimizer is required (one of adam, sgd)",
                        "loggingSteps: logging_steps must be an integer >= 1, got 0",
                        "evalSteps: eval_steps must be an integer >= 1, got -1"))
                .hasMessageStartingWith("invalid training configuration for run r-1 (7 problems): workload 'gpt-9'");
    }

    @Test
    void rejectsAMissingRunIdAndIdsThatCannotNameAFile() {
        assertThatThrownBy(() -> TrainingConfig.builder(null).experimentId("a/b").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "runId is required",
                        "experimentId 'a/b' must be 1 to 128 letters, digits, '.', '_' or '-', starting with a "
                                + "letter or digit"));
    }

    @Test
    void rejectsABatchLargerThanTheTrainingSplit() {
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").batchSize(8001).build())
                .hasMessageContaining("batchSize must be <= 8000 (the mlp-blobs training split), got 8001");
    }

    @Test
    void rejectsALearningRateOutsideTheLiveBounds() {
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").learningRate(11).build())
                .hasMessageContaining("learningRate: learning_rate must be > 0 and <= 10, got 11.0");
    }

    @Test
    void readsBackTheJsonItWrites() {
        TrainingConfig config = TrainingConfig.builder("r-1").experimentId("exp-2").maxSteps(500).seed(-7)
                .batchSize(64).learningRate(0.02).optimizer(Optimizer.SGD).loggingSteps(5).evalSteps(50)
                .checkpointDir(Path.of("/tmp/ck")).build();

        assertThat(ConfigReader.fromJson(config.toJson())).isEqualTo(config);
        assertThat(config.toJson().get("optimizer").asText()).isEqualTo("sgd");
        assertThat(config.toJson().get("checkpointDir").asText()).isEqualTo("/tmp/ck");
    }

    @Test
    void readsYamlWithDefaultsForAbsentSettings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "runId: r-7\nmaxSteps: 300\nlearningRate: 0.005\noptimizer: sgd\n");

        assertThat(ConfigReader.readYaml(file)).isEqualTo(TrainingConfig.builder("r-7").maxSteps(300)
                .learningRate(0.005).optimizer(Optimizer.SGD).build());
    }

    @Test
    void reportsUnknownKeysWrongTypesAndInvalidValuesTogether() {
        String json = "{\"runId\":\"r-1\",\"maxStep\":5,\"batchSize\":\"32\",\"learningRate\":-1,"
                + "\"optimizer\":\"rmsprop\",\"evalSteps\":2.5}";

        assertThatThrownBy(() -> ConfigReader.fromJson(json))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown setting 'maxStep' (known: batchSize, checkpointDir, evalSteps, experimentId, "
                                + "learningRate, loggingSteps, maxSteps, optimizer, runId, seed, workload)",
                        "batchSize must be an integer (32-bit), got \"32\"",
                        "evalSteps must be an integer (32-bit), got 2.5",
                        "optimizer 'rmsprop' is unknown (known: adam, sgd)",
                        "learningRate: learning_rate must be > 0 and <= 10, got -1.0"));
    }
}
