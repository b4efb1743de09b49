package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a {@link TrainingConfig} from JSON or YAML with the field names of {@link TrainingConfig#toJson()} (so the
 * {@code config} of a RunStarted reads back into the same configuration). Absent settings take their defaults. Every
 * problem, unknown keys and wrong types included, is reported at once in one {@link InvalidConfigException}.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KNOWN = Set.of("runId", "experimentId", "workload", "maxSteps", "seed",
            "batchSize", "learningRate", "optimizer", "loggingSteps", "evalSteps", "checkpointDir");

    private ConfigReader() {
    }

    /** Reads a YAML (or JSON, a subset of YAML) file. */
    public static TrainingConfig readYaml(Path file) {
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidConfigException(null, List.of("cannot read " + file + ": " + e.getMessage()));
        }
        return fromJson(node);
    }

    /** Reads JSON text. */
    public static TrainingConfig fromJson(String json) {
        try {
            return fromJson(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new InvalidConfigException(null, List.of("configuration is not JSON: " + e.getMessage()));
        }
    }

    public static TrainingConfig fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidConfigException(null, List.of("a training configuration must be an object"));
        }
        List<String> problems = new ArrayList<>();
        TrainingConfig.Builder builder = TrainingConfig.builder(null);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KNOWN.contains(field.getKey())) {
                problems.add("unknown setting '" + field.getKey() + "' (known: " + String.join(", ", KNOWN.stream()
                        .sorted().toList()) + ")");
            }
        }
        text(node, "runId", problems, (b, v) -> b.runId(v), builder);
        text(node, "experimentId", problems, (b, v) -> b.experimentId(v), builder);
        text(node, "workload", problems, (b, v) -> b.workload(v), builder);
        integer(node, "maxSteps", Long.MAX_VALUE, problems, (b, v) -> b.maxSteps(v), builder);
        integer(node, "seed", Long.MAX_VALUE, problems, (b, v) -> b.seed(v), builder);
        integer(node, "batchSize", Integer.MAX_VALUE, problems, (b, v) -> b.batchSize(v.intValue()), builder);
        integer(node, "loggingSteps", Integer.MAX_VALUE, problems, (b, v) -> b.loggingSteps(v.intValue()), builder);
        integer(node, "evalSteps", Integer.MAX_VALUE, problems, (b, v) -> b.evalSteps(v.intValue()), builder);
        JsonNode learningRate = node.get("learningRate");
        if (learningRate != null) {
            if (learningRate.isNumber()) {
                builder.learningRate(learningRate.doubleValue());
            } else {
                problems.add("learningRate must be a number, got " + learningRate);
            }
        }
        text(node, "optimizer", problems, (b, v) -> Optimizer.fromWire(v).ifPresentOrElse(b::optimizer,
                () -> problems.add("optimizer '" + v + "' is unknown (known: " + Optimizer.names() + ")")), builder);
        text(node, "checkpointDir", problems, (b, v) -> b.checkpointDir(Path.of(v)), builder);
        String runId = node.path("runId").isTextual() ? node.get("runId").asText() : null;
        try {
            TrainingConfig config = builder.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        throw new InvalidConfigException(runId, problems);
    }

    private static void text(JsonNode node, String field, List<String> problems,
                             BiConsumer<TrainingConfig.Builder, String> set, TrainingConfig.Builder builder) {
        JsonNode value = node.get(field);
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            set.accept(builder, value.asText());
        } else {
            problems.add(field + " must be a string, got " + value);
        }
    }

    private static void integer(JsonNode node, String field, long max, List<String> problems,
                                BiConsumer<TrainingConfig.Builder, Long> set, TrainingConfig.Builder builder) {
        JsonNode value = node.get(field);
        if (value == null) {
            return;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && Math.abs(value.longValue()) <= max) {
            set.accept(builder, value.longValue());
        } else {
            problems.add(field + " must be an integer" + (max == Integer.MAX_VALUE ? " (32-bit)" : "") + ", got "
                    + value);
        }
    }
}
