package io.coxswain.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.protocol.codec.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigTest {

    @Test
    void fillsDefaultsForEverythingButTheRunId() {
        TrainingConfig config = TrainingConfig.builder("r-1").build();

        assertThat(config.workload()).isEqualTo("mlp-blobs");
        assertThat(config.stepLimit()).isEqualTo(1000);
        assertThat(config.boundedByEpochs()).isFalse();
        assertThat(config.effectiveBatchSize()).isEqualTo(32);
        assertThat(config.optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(config.lrSchedulerType()).isEqualTo(LrSchedulerType.CONSTANT);
        assertThat(config.runCheckpointDir()).isEqualTo(Path.of("checkpoints", "r-1"));
    }

    @Test
    void listsEveryInvalidSettingInOneException() {
        TrainingConfig.Builder builder = TrainingConfig.builder("r-1").workload("gpt-9").maxSteps(0L)
                .batchSize(0).learningRate(Double.NaN).loggingSteps(0).evalSteps(-1).optimizer(null)
                .adamBeta1(1.0).weightDecay(-0.1).warmupRatio(1.5).saveTotalLimit(-1);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "workload 'gpt-9' is unknown (known: " + String.join(", ",
                                io.coxswain.agent.workload.WorkloadCatalog.names()) + ")",
                        "max_steps must be >= 1, got 0",
                        "batch_size must be >= 1, got 0",
                        "optimizer is required (one of sgd, momentum, adam, adamw)",
                        "learning_rate must be a finite number, got NaN",
                        "adam_beta1 must be >= 0 and < 1, got 1.0",
                        "weight_decay must be >= 0 and <= 1, got -0.1",
                        "warmup_ratio must be >= 0 and < 1, got 1.5",
                        "logging_steps must be an integer >= 1, got 0",
                        "eval_steps must be an integer >= 1, got -1",
                        "save_total_limit must be >= 0 (0 keeps every checkpoint), got -1"))
                .hasMessageStartingWith("invalid training configuration for run r-1 (11 problems): workload 'gpt-9'");
    }

    @Test
    void refusesIncompatibleSettingsNamingBoth() {
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").maxSteps(100L).numTrainEpochs(2.0).warmupSteps(10)
                .warmupRatio(0.1).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "set max_steps or num_train_epochs, not both (max_steps 100, num_train_epochs 2.0)",
                        "set warmup_steps or warmup_ratio, not both (warmup_steps 10, warmup_ratio 0.1)"));
    }

    @Test
    void rejectsAMissingRunIdAndIdsThatCannotNameAFile() {
        assertThatThrownBy(() -> TrainingConfig.builder(null).experimentId("a/b").build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "run_id is required",
                        "experiment_id 'a/b' must be 1 to 128 letters, digits, '.', '_' or '-', starting with a "
                                + "letter or digit"));
    }

    @Test
    void rejectsAnEffectiveBatchLargerThanTheTrainingData() {
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").batchSize(3000).gradientAccumulationSteps(3).build())
                .hasMessageContaining("the effective batch size (batch_size 3000 x gradient_accumulation_steps 3 ="
                        + " 9000) must be <= 8000 (the mlp-blobs training data)");
    }

    @Test
    void derivesTheEffectiveBatchSize() {
        TrainingConfig config = TrainingConfig.builder("r-1").batchSize(16).gradientAccumulationSteps(4).build();

        assertThat(config.effectiveBatchSize()).isEqualTo(64);
        assertThat(config.toJson().get("effective_batch_size").asInt()).isEqualTo(64);
    }

    @Test
    void readsBackTheJsonItWrites() {
        TrainingConfig config = TrainingConfig.builder("r-1").experimentId("exp-2").numTrainEpochs(1.5).seed(-7)
                .batchSize(64).learningRate(0.02).optimizer(Optimizer.ADAMW).weightDecay(0.01)
                .lrSchedulerType(LrSchedulerType.COSINE).warmupRatio(0.1).dropLast(true).saveTotalLimit(2)
                .saveStrategy(IntervalStrategy.EPOCH).corruption(List.of(new CorruptionSpec(5, "label_noise", 0.5)))
                .checkpointDir(Path.of("/tmp/ck")).build();

        assertThat(ConfigReader.fromJson(config.toJson())).isEqualTo(config);
        assertThat(config.toJson().get("optimizer").asText()).isEqualTo("adamw");
        assertThat(config.toJson().get("checkpoint_dir").asText()).isEqualTo("/tmp/ck");
    }

    @Test
    void readsYamlWithDefaultsForAbsentSettingsAndScientificNotation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "run_id: r-7\nmax_steps: 300\nlearning_rate: 5e-3\noptimizer: sgd\n"
                + "lr_scheduler_type: linear\nwarmup_steps: 30\n");

        assertThat(ConfigReader.readYaml(file)).isEqualTo(TrainingConfig.builder("r-7").maxSteps(300L)
                .learningRate(0.005).optimizer(Optimizer.SGD).lrSchedulerType(LrSchedulerType.LINEAR)
                .warmupSteps(30).build());
    }

    @Test
    void reportsUnknownKeysWrongTypesAndInvalidValuesTogether() throws Exception {
        JsonNode json = Json.mapper().readTree("{\"run_id\":\"r-1\",\"max_step\":5,\"batch_size\":\"32\","
                + "\"learning_rate\":-1,\"optimizer\":\"rmsprop\",\"eval_steps\":2.5,\"effective_batch_size\":7}");

        assertThatThrownBy(() -> ConfigReader.fromJson(json))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown setting 'max_step' (known: " + String.join(", ", ConfigJson.keys()) + ")",
                        "batch_size must be an integer (32-bit), got \"32\"",
                        "optimizer must be one of sgd, momentum, adam, adamw, got \"rmsprop\"",
                        "eval_steps must be an integer (32-bit), got 2.5",
                        "learning_rate must be > 0 and <= 10, got -1.0"));
    }

    @Test
    void refusesAnEffectiveBatchSizeThatDisagreesWithItsParts() throws Exception {
        JsonNode json = Json.mapper().readTree("{\"run_id\":\"r-1\",\"batch_size\":16,"
                + "\"gradient_accumulation_steps\":2,\"effective_batch_size\":16}");

        assertThatThrownBy(() -> ConfigReader.fromJson(json)).hasMessageContaining(
                "effective_batch_size is derived (batch_size x gradient_accumulation_steps = 32), got 16");
    }

    @Test
    void checksDataSourcesAgainstTheWorkload() {
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").dataSources(Map.of("web", 1.0)).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "data_sources: 'web' is not a source of mlp-blobs (sources: blobs)"));
        assertThatThrownBy(() -> TrainingConfig.builder("r-1").dataSources(Map.of("blobs", 0.0)).build())
                .hasMessageContaining("data_sources: at least one weight must be above 0");
    }

    @Test
    void readsTagsFromYamlAndWritesThemBackInTheJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "run_id: r-7\nexperiment_id: exp-1\ntags: [pbt, \"lr sweep\"]\n");

        TrainingConfig config = ConfigReader.readYaml(file);

        assertThat(config.tags()).containsExactly("pbt", "lr sweep");
        assertThat(config.toJson().get("tags")).isEqualTo(Json.mapper().readTree("[\"pbt\", \"lr sweep\"]"));
        assertThat(ConfigReader.fromJson(config.toJson())).isEqualTo(config);
        assertThat(TrainingConfig.builder("r-1").build().toJson().get("tags")).isEqualTo(
                Json.mapper().createArrayNode());
        assertThat(TrainingConfig.builder("r-1").tag("a").tag("b").build().tags()).containsExactly("a", "b");
    }

    @Test
    void refusesBlankLongAndTooManyTagsNamingEach() {
        List<String> tags = new java.util.ArrayList<>(java.util.Collections.nCopies(32, "t"));
        tags.set(1, " ");
        tags.set(2, "x".repeat(65));
        tags.add(null);

        assertThatThrownBy(() -> TrainingConfig.builder("r-1").tags(tags).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "tags: at most 32 tags, got 33",
                        "tags[1] must not be blank",
                        "tags[2] must be at most 64 characters, got 65 ('xxxxxxxxxxxxxxxxxxxx...')",
                        "tags[32] must not be blank"));
        assertThat(TrainingConfig.builder("r-1").tags(java.util.Collections.nCopies(32, "y".repeat(64))).build()
                .tags()).hasSize(32);
    }

    @Test
    void refusesTagsThatAreNotAListOfStrings() throws Exception {
        assertThatThrownBy(() -> ConfigReader.fromJson("{\"run_id\":\"r-1\",\"tags\":\"pbt\"}"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "tags must be a list of strings, got \"pbt\""));
        assertThatThrownBy(() -> ConfigReader.fromJson("{\"run_id\":\"r-1\",\"tags\":[\"ok\", 2024, null]}"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "tags[1] must be a string (quote it in YAML), got 2024",
                        "tags[2] must be a string (quote it in YAML), got null"));
    }
}
