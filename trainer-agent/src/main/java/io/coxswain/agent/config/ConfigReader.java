package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads a training configuration from a YAML or JSON file or text (see {@link ConfigJson} for the keys). */
public final class ConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");
    private static final Set<String> TEXT_KEYS = Set.of("run_id", "experiment_id", "workload", "checkpoint_dir",
            "optimizer", "lr_scheduler_type", "logging_strategy", "eval_strategy", "save_strategy");

    private ConfigReader() {
    }

    /** Reads a YAML (or JSON, a subset of YAML) file. */
    public static TrainingConfig readYaml(Path file) {
        return ConfigJson.read(readTree(file));
    }

    /** The file's settings as a JSON tree, for layering flags over it with {@link ConfigJson#read(JsonNode, TrainingConfig.Builder)}. */
    public static JsonNode readTree(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new InvalidConfigException(null, List.of(file + " is empty"));
            }
            return scientificNumbers(node);
        } catch (IOException e) {
            throw new InvalidConfigException(null, List.of("cannot read " + file + ": " + e.getMessage()));
        }
    }

    /**
     * YAML 1.1 reads {@code 1e-3} (no dot) as a string; HF users write learning rates that way. Top-level string
     * values that are numbers in scientific notation become numbers, except for the settings that are strings.
     */
    private static JsonNode scientificNumbers(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = (ObjectNode) node;
        object.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && !TEXT_KEYS.contains(field.getKey())
                    && SCIENTIFIC.matcher(field.getValue().asText()).matches()) {
                field.setValue(DoubleNode.valueOf(Double.parseDouble(field.getValue().asText())));
            }
        });
        return object;
    }

    /** Reads JSON text. */
    public static TrainingConfig fromJson(String json) {
        try {
            return ConfigJson.read(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new InvalidConfigException(null, List.of("configuration is not JSON: " + e.getMessage()));
        }
    }

    public static TrainingConfig fromJson(JsonNode node) {
        return ConfigJson.read(node);
    }
}
