package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coxswain.agent.config.ConfigJson;
import io.coxswain.agent.config.ConfigReader;
import io.coxswain.agent.config.InvalidConfigException;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.replay.InvalidScheduleException;
import io.coxswain.agent.replay.LoadedSchedule;
import io.coxswain.agent.replay.ScheduleYaml;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.SigningKeyLocation;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The training configuration of {@code cox train}: a YAML or JSON file ({@code --config}, keys as in HF
 * TrainingArguments) with flags over it, and {@code --set key=value} for any other key. Every setting is validated at
 * once; invalid ones are a usage error listing every problem.
 */
public final class TrainOptions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Option(names = "--config", paramLabel = "FILE", description = "Training configuration (YAML or JSON); flags "
            + "override its settings.")
    Path configFile;

    @Option(names = "--run-id", description = "Run id (the Kafka key of all its records); required unless the "
            + "configuration file has run_id.")
    String runId;

    @Option(names = "--experiment", description = "Experiment (cohort) id (default: default).")
    String experiment;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag of the run (repeatable), appended to the "
            + "configuration's tags; control rules are scoped by experiment and tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--workload", description = "Workload: mlp-blobs (default), mlp-mixture, cnn-shapes, char-rnn, "
            + "iris, or a plugged-in one.")
    String workload;

    @Option(names = {"--steps", "--max-steps"}, description = "Optimizer steps to run (default 1000 unless --epochs).")
    Long steps;

    @Option(names = {"--epochs", "--num-train-epochs"}, description = "Epochs to run instead of a step count.")
    Double epochs;

    @Option(names = "--seed", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--batch-size", description = "Samples per micro-batch (default 32).")
    Integer batchSize;

    @Option(names = "--gradient-accumulation-steps", description = "Micro-batches per optimizer step (default 1).")
    Integer accumulation;

    @Option(names = "--drop-last", arity = "0..1", description = "Drop an epoch's remainder smaller than a batch.")
    Boolean dropLast;

    @Option(names = {"--lr", "--learning-rate"}, description = "Base learning rate (default 0.001).")
    Double learningRate;

    @Option(names = "--optimizer", description = "sgd, momentum, adam (default) or adamw.")
    String optimizer;

    @Option(names = "--weight-decay", description = "Weight decay (default 0).")
    Double weightDecay;

    @Option(names = "--max-grad-norm", description = "Global gradient-norm clip, 0 for none (default 1).")
    Double maxGradNorm;

    @Option(names = "--lr-scheduler", description = "constant (default), linear or cosine.")
    String lrScheduler;

    @Option(names = "--warmup-steps", description = "Linear warmup steps.")
    Long warmupSteps;

    @Option(names = "--warmup-ratio", description = "Linear warmup as a fraction of the run.")
    Double warmupRatio;

    @Option(names = "--logging-steps", description = "Logging interval in steps (default 10).")
    Integer loggingSteps;

    @Option(names = "--eval-steps", description = "Evaluation interval in steps (default 100).")
    Integer evalSteps;

    @Option(names = "--save-steps", description = "Checkpoint interval in steps (with --save-strategy steps).")
    Integer saveSteps;

    @Option(names = "--save-strategy", description = "no (default), steps or epoch.")
    String saveStrategy;

    @Option(names = "--save-total-limit", description = "Keep at most this many periodic checkpoints (0: all).")
    Integer saveTotalLimit;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key; VALUE is YAML, e.g. "
            + "--set 'batch_size_schedule={type: milestones, start: 32, milestones: [100, 300]}'.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--schedule", paramLabel = "FILE", description = "Apply this control schedule (YAML, as `cox "
            + "recipe` writes it): each entry's changes and triggers at its step, as commands of source kind replay. "
            + "Checked against the run before it trains.")
    Path scheduleFile;

    @Option(names = "--resume", description = "Continue --run-id from its latest checkpoint, with the configuration "
            + "recorded there (other settings are not allowed).")
    boolean resume;

    @Option(names = SigningKeyLocation.OPTION, paramLabel = "FILE",
            description = "Obey only commands signed with the HMAC key in FILE (default: $" + SigningKeyLocation.ENV
                    + " or signingKeyFile in stack.json; none: signatures are not checked).")
    Path signingKeyFile;

    /**
     * The key the run checks command signatures with: {@code --signing-key-file}, else {@code $COX_SIGNING_KEY_FILE},
     * else {@code signingKeyFile} in {@code <home>/stack.json}; empty when none is set. A named file that is missing,
     * unreadable or shorter than 16 bytes is a usage error.
     */
    public Optional<SigningKey> signingKey(Path home) {
        return SigningKeyLocation.signingKey(signingKeyFile, System::getenv, home);
    }

    public boolean resume() {
        return resume;
    }

    /** The run id to resume; with --resume only --run-id (and connection and key options) may be given. */
    public String resumeRunId() {
        if (runId == null) {
            throw new CliException(ExitCodes.USAGE, "--resume needs --run-id: the run to continue");
        }
        if (configFile != null || !flags().isEmpty() || !settings.isEmpty() || !tags.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "--resume continues with the configuration recorded in the"
                    + " checkpoint; leave out --config, --set and the training flags");
        }
        if (scheduleFile != null) {
            throw new CliException(ExitCodes.USAGE, "--resume continues with the schedule recorded in the checkpoint;"
                    + " leave out --schedule");
        }
        return runId;
    }

    /** The --schedule file read and its form checked (a usage error listing every problem), if one is given. */
    public Optional<LoadedSchedule> schedule() {
        if (scheduleFile == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ScheduleYaml.read(scheduleFile));
        } catch (InvalidScheduleException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    public Path scheduleFile() {
        return scheduleFile;
    }

    /**
     * The configuration: file, then flags, then --set, then each --tag appended to the tags; checkpoints under
     * {@code defaultCheckpointDir} unless set.
     */
    public TrainingConfig config(Path defaultCheckpointDir) {
        ObjectNode merged = Json.mapper().createObjectNode();
        merged.put("checkpoint_dir", defaultCheckpointDir.toString());
        if (configFile != null) {
            JsonNode file = readFile();
            if (!file.isObject()) {
                throw new CliException(ExitCodes.USAGE, configFile + " must hold a mapping of settings");
            }
            merged.setAll((ObjectNode) file);
        }
        ObjectNode flags = flags();
        if (flags.has("num_train_epochs") && !flags.has("max_steps")) {
            merged.remove("max_steps");
        }
        if (flags.has("max_steps") && !flags.has("num_train_epochs")) {
            merged.remove("num_train_epochs");
        }
        merged.setAll(flags);
        settings.forEach((key, value) -> merged.set(key, yamlValue(key, value)));
        appendTags(merged);
        try {
            return ConfigJson.read(merged);
        } catch (InvalidConfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** Adds the --tag values to the tags already set; tags that are not a list stay for the reader to report. */
    private void appendTags(ObjectNode merged) {
        if (tags.isEmpty()) {
            return;
        }
        JsonNode present = merged.get("tags");
        if (present == null || present.isNull()) {
            present = merged.putArray("tags");
        }
        if (present instanceof ArrayNode list) {
            tags.forEach(list::add);
        }
    }

    private JsonNode readFile() {
        try {
            return ConfigReader.readTree(configFile);
        } catch (InvalidConfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static JsonNode yamlValue(String key, String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null ? Json.mapper().nullNode() : node;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "--set " + key + ": '" + text + "' is not a YAML value: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private ObjectNode flags() {
        ObjectNode node = Json.mapper().createObjectNode();
        put(node, "run_id", runId);
        put(node, "experiment_id", experiment);
        put(node, "workload", workload);
        put(node, "max_steps", steps);
        put(node, "num_train_epochs", epochs);
        put(node, "seed", seed);
        put(node, "batch_size", batchSize);
        put(node, "gradient_accumulation_steps", accumulation);
        put(node, "drop_last", dropLast);
        put(node, "learning_rate", learningRate);
        put(node, "optimizer", optimizer);
        put(node, "weight_decay", weightDecay);
        put(node, "max_grad_norm", maxGradNorm);
        put(node, "lr_scheduler_type", lrScheduler);
        put(node, "warmup_steps", warmupSteps);
        put(node, "warmup_ratio", warmupRatio);
        put(node, "logging_steps", loggingSteps);
        put(node, "eval_steps", evalSteps);
        put(node, "save_steps", saveSteps);
        put(node, "save_strategy", saveStrategy);
        put(node, "save_total_limit", saveTotalLimit);
        if (resume) {
            node.remove(List.of("run_id"));
        }
        return node;
    }

    private static void put(ObjectNode node, String key, Object value) {
        if (value != null) {
            node.set(key, Json.mapper().valueToTree(value));
        }
    }
}
