package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.protocol.codec.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The JSON (and YAML) form of a {@link TrainingConfig}: one object with snake_case keys, as in HF TrainingArguments.
 * Reading collects every problem (unknown keys, wrong JSON types, invalid values) into one
 * {@link InvalidConfigException}; absent keys take their defaults. {@code effective_batch_size} is written as a derived
 * value and, when read, must agree with batch_size x gradient_accumulation_steps.
 */
public final class ConfigJson {
    static final String EFFECTIVE_BATCH_SIZE = "effective_batch_size";

    /** How one key is read into the builder and written from the config. */
    private record Setting(String key, Function<TrainingConfig, JsonNode> write,
                           BiConsumer<Reading, JsonNode> read) {
    }

    /** One read in progress: the builder being filled and the problems found. */
    private record Reading(TrainingConfig.Builder builder, List<String> problems) {
        void problem(String key, String expected, JsonNode got) {
            problems.add(key + " must be " + expected + ", got " + got);
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            text("run_id", TrainingConfig::runId, TrainingConfig.Builder::runId),
            text("experiment_id", TrainingConfig::experimentId, TrainingConfig.Builder::experimentId),
            new Setting("tags", c -> tags(c.tags()), ConfigJson::readTags),
            text("workload", TrainingConfig::workload, TrainingConfig.Builder::workload),
            integer("seed", c -> c.seed(), Long.MIN_VALUE, Long.MAX_VALUE, (b, v) -> b.seed(v)),
            nullableInteger("max_steps", TrainingConfig::maxSteps, (b, v) -> b.maxSteps(v)),
            nullableNumber("num_train_epochs", TrainingConfig::numTrainEpochs, (b, v) -> b.numTrainEpochs(v)),
            int32("batch_size", TrainingConfig::batchSize, TrainingConfig.Builder::batchSize),
            int32("gradient_accumulation_steps", TrainingConfig::gradientAccumulationSteps,
                    TrainingConfig.Builder::gradientAccumulationSteps),
            bool("drop_last", TrainingConfig::dropLast, TrainingConfig.Builder::dropLast),
            new Setting("batch_size_schedule", TrainingConfig::batchSizeSchedule,
                    (r, v) -> r.builder().batchSizeSchedule(v.isNull() ? null : v)),
            new Setting("data_sources", c -> weights(c.dataSources()), ConfigJson::readWeights),
            enumeration("optimizer", c -> c.optimizer() == null ? null : c.optimizer().wire(), Optimizer::fromWire,
                    Optimizer.names(), TrainingConfig.Builder::optimizer),
            number("learning_rate", TrainingConfig::learningRate, TrainingConfig.Builder::learningRate),
            number("adam_beta1", TrainingConfig::adamBeta1, TrainingConfig.Builder::adamBeta1),
            number("adam_beta2", TrainingConfig::adamBeta2, TrainingConfig.Builder::adamBeta2),
            number("adam_epsilon", TrainingConfig::adamEpsilon, TrainingConfig.Builder::adamEpsilon),
            number("momentum", TrainingConfig::momentum, TrainingConfig.Builder::momentum),
            number("weight_decay", TrainingConfig::weightDecay, TrainingConfig.Builder::weightDecay),
            number("max_grad_norm", TrainingConfig::maxGradNorm, TrainingConfig.Builder::maxGradNorm),
            enumeration("lr_scheduler_type", c -> c.lrSchedulerType() == null ? null : c.lrSchedulerType().wire(),
                    LrSchedulerType::fromWire, LrSchedulerType.names(), TrainingConfig.Builder::lrSchedulerType),
            integer("warmup_steps", c -> c.warmupSteps(), 0, Long.MAX_VALUE, (b, v) -> b.warmupSteps(v)),
            number("warmup_ratio", TrainingConfig::warmupRatio, TrainingConfig.Builder::warmupRatio),
            strategy("logging_strategy", TrainingConfig::loggingStrategy, TrainingConfig.Builder::loggingStrategy),
            int32("logging_steps", TrainingConfig::loggingSteps, TrainingConfig.Builder::loggingSteps),
            strategy("eval_strategy", TrainingConfig::evalStrategy, TrainingConfig.Builder::evalStrategy),
            int32("eval_steps", TrainingConfig::evalSteps, TrainingConfig.Builder::evalSteps),
            strategy("save_strategy", TrainingConfig::saveStrategy, TrainingConfig.Builder::saveStrategy),
            int32("save_steps", TrainingConfig::saveSteps, TrainingConfig.Builder::saveSteps),
            int32("save_total_limit", TrainingConfig::saveTotalLimit, TrainingConfig.Builder::saveTotalLimit),
            int32("sample_loss_steps", TrainingConfig::sampleLossSteps, TrainingConfig.Builder::sampleLossSteps),
            new Setting("corruption", c -> corruption(c.corruption()), ConfigJson::readCorruption),
            number("energy_watts", TrainingConfig::energyWatts, TrainingConfig.Builder::energyWatts),
            text("checkpoint_dir", c -> c.checkpointDir() == null ? null : c.checkpointDir().toString(),
                    (b, v) -> b.checkpointDir(Path.of(v))));

    private ConfigJson() {
    }

    /** Every key this form knows, sorted. */
    public static List<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        SETTINGS.forEach(s -> keys.add(s.key()));
        keys.add(EFFECTIVE_BATCH_SIZE);
        return List.copyOf(keys);
    }

    public static ObjectNode write(TrainingConfig config) {
        ObjectNode node = Json.mapper().createObjectNode();
        for (Setting setting : SETTINGS) {
            JsonNode value = setting.write().apply(config);
            node.set(setting.key(), value == null ? node.nullNode() : value);
        }
        node.put(EFFECTIVE_BATCH_SIZE, config.effectiveBatchSize());
        return node;
    }

    /** Reads a whole configuration; absent keys take their defaults. */
    public static TrainingConfig read(JsonNode node) {
        return read(node, TrainingConfig.builder(null));
    }

    /** Reads the keys present in {@code node} over the settings already in {@code base} (e.g. flags over a file). */
    public static TrainingConfig read(JsonNode node, TrainingConfig.Builder base) {
        if (node == null || !node.isObject()) {
            throw new InvalidConfigException(null, List.of("a training configuration must be an object, got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())));
        }
        Reading reading = new Reading(base, new ArrayList<>());
        Map<String, Setting> byKey = new LinkedHashMap<>();
        SETTINGS.forEach(s -> byKey.put(s.key(), s));
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Setting setting = byKey.get(field.getKey());
            if (setting != null) {
                setting.read().accept(reading, field.getValue());
            } else if (!field.getKey().equals(EFFECTIVE_BATCH_SIZE)) {
                reading.problems().add("unknown setting '" + field.getKey() + "' (known: "
                        + String.join(", ", keys()) + ")");
            }
        }
        String runId = node.path("run_id").isTextual() ? node.get("run_id").asText() : null;
        if (node.hasNonNull("batch_size_schedule") && !node.has("batch_size")) {
            reading.builder().batchSize(Schedules.firstBatchSize(node.get("batch_size_schedule"),
                    reading.builder().batchSize));
        }
        try {
            TrainingConfig config = reading.builder().build();
            JsonNode effective = node.get(EFFECTIVE_BATCH_SIZE);
            if (effective != null && !effective.isNull()
                    && !(effective.isIntegralNumber() && effective.asLong() == config.effectiveBatchSize())) {
                reading.problems().add(EFFECTIVE_BATCH_SIZE + " is derived (batch_size x gradient_accumulation_steps"
                        + " = " + config.effectiveBatchSize() + "), got " + effective);
            }
            if (reading.problems().isEmpty()) {
                return config;
            }
        } catch (InvalidConfigException e) {
            reading.problems().addAll(e.problems());
        }
        throw new InvalidConfigException(runId, reading.problems());
    }

    private static Setting text(String key, Function<TrainingConfig, String> get,
                                BiConsumer<TrainingConfig.Builder, String> set) {
        return new Setting(key, c -> {
            String v = get.apply(c);
            return v == null ? null : Json.mapper().getNodeFactory().textNode(v);
        }, (r, v) -> {
            if (v.isTextual()) {
                set.accept(r.builder(), v.asText());
            } else {
                r.problem(key, "a string", v);
            }
        });
    }

    private static Setting bool(String key, Function<TrainingConfig, Boolean> get,
                                BiConsumer<TrainingConfig.Builder, Boolean> set) {
        return new Setting(key, c -> Json.mapper().getNodeFactory().booleanNode(get.apply(c)), (r, v) -> {
            if (v.isBoolean()) {
                set.accept(r.builder(), v.asBoolean());
            } else {
                r.problem(key, "true or false", v);
            }
        });
    }

    private static Setting integer(String key, Function<TrainingConfig, Long> get, long min, long max,
                                   BiConsumer<TrainingConfig.Builder, Long> set) {
        return new Setting(key, c -> Json.mapper().getNodeFactory().numberNode(get.apply(c)), (r, v) -> {
            if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= min && v.longValue() <= max) {
                set.accept(r.builder(), v.longValue());
            } else {
                r.problem(key, min == 0 ? "an integer >= 0" : "an integer", v);
            }
        });
    }

    private static Setting nullableInteger(String key, Function<TrainingConfig, Long> get,
                                           BiConsumer<TrainingConfig.Builder, Long> set) {
        return new Setting(key, c -> {
            Long v = get.apply(c);
            return v == null ? null : Json.mapper().getNodeFactory().numberNode(v);
        }, (r, v) -> {
            if (v.isNull()) {
                set.accept(r.builder(), null);
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                set.accept(r.builder(), v.longValue());
            } else {
                r.problem(key, "an integer or null", v);
            }
        });
    }

    private static Setting int32(String key, Function<TrainingConfig, Integer> get,
                                 BiConsumer<TrainingConfig.Builder, Integer> set) {
        return new Setting(key, c -> Json.mapper().getNodeFactory().numberNode(get.apply(c)), (r, v) -> {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                set.accept(r.builder(), v.intValue());
            } else {
                r.problem(key, "an integer (32-bit)", v);
            }
        });
    }

    private static Setting number(String key, Function<TrainingConfig, Double> get,
                                  BiConsumer<TrainingConfig.Builder, Double> set) {
        return new Setting(key, c -> Json.mapper().getNodeFactory().numberNode(get.apply(c)), (r, v) -> {
            if (v.isNumber()) {
                set.accept(r.builder(), v.doubleValue());
            } else {
                r.problem(key, "a number", v);
            }
        });
    }

    private static Setting nullableNumber(String key, Function<TrainingConfig, Double> get,
                                          BiConsumer<TrainingConfig.Builder, Double> set) {
        return new Setting(key, c -> {
            Double v = get.apply(c);
            return v == null ? null : Json.mapper().getNodeFactory().numberNode(v);
        }, (r, v) -> {
            if (v.isNull()) {
                set.accept(r.builder(), null);
            } else if (v.isNumber()) {
                set.accept(r.builder(), v.doubleValue());
            } else {
                r.problem(key, "a number or null", v);
            }
        });
    }

    private static <E> Setting enumeration(String key, Function<TrainingConfig, String> get,
                                           Function<String, Optional<E>> parse, String names,
                                           BiConsumer<TrainingConfig.Builder, E> set) {
        return new Setting(key, c -> {
            String v = get.apply(c);
            return v == null ? null : Json.mapper().getNodeFactory().textNode(v);
        }, (r, v) -> {
            Optional<E> value = v.isTextual() ? parse.apply(v.asText()) : Optional.empty();
            if (value.isPresent()) {
                set.accept(r.builder(), value.get());
            } else {
                r.problem(key, "one of " + names, v);
            }
        });
    }

    private static Setting strategy(String key, Function<TrainingConfig, IntervalStrategy> get,
                                    BiConsumer<TrainingConfig.Builder, IntervalStrategy> set) {
        return enumeration(key, c -> get.apply(c) == null ? null : get.apply(c).wire(), IntervalStrategy::fromWire,
                IntervalStrategy.names(), set);
    }

    private static JsonNode weights(Map<String, Double> weights) {
        if (weights == null) {
            return null;
        }
        ObjectNode node = Json.mapper().createObjectNode();
        weights.forEach(node::put);
        return node;
    }

    private static void readWeights(Reading r, JsonNode v) {
        if (!v.isObject()) {
            r.problem("data_sources", "an object of source name to weight", v);
            return;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                weights.put(e.getKey(), e.getValue().doubleValue());
            } else {
                r.problem("data_sources." + e.getKey(), "a number", e.getValue());
            }
        });
        r.builder().dataSources(weights);
    }

    private static JsonNode tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        ArrayNode array = Json.mapper().createArrayNode();
        tags.forEach(array::add);
        return array;
    }

    private static void readTags(Reading r, JsonNode v) {
        if (!v.isArray()) {
            r.problem("tags", "a list of strings", v);
            return;
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode tag = v.get(i);
            if (tag.isTextual()) {
                tags.add(tag.asText());
            } else {
                r.problem("tags[" + i + "]", "a string (quote it in YAML)", tag);
            }
        }
        r.builder().tags(tags);
    }

    private static JsonNode corruption(List<CorruptionSpec> specs) {
        if (specs == null) {
            return null;
        }
        ArrayNode array = Json.mapper().createArrayNode();
        for (CorruptionSpec spec : specs) {
            array.addObject().put("step", spec.step()).put("kind", spec.kind()).put("fraction", spec.fraction());
        }
        return array;
    }

    private static void readCorruption(Reading r, JsonNode v) {
        if (!v.isArray()) {
            r.problem("corruption", "a list of {step, kind, fraction}", v);
            return;
        }
        List<CorruptionSpec> specs = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String at = "corruption[" + i + "]";
            if (!item.isObject() || !item.path("step").isIntegralNumber() || !item.path("kind").isTextual()
                    || !item.path("fraction").isNumber() || item.size() != 3) {
                r.problem(at, "an object with exactly step (integer), kind (string) and fraction (number)", item);
                continue;
            }
            specs.add(new CorruptionSpec(item.get("step").asLong(), item.get("kind").asText(),
                    item.get("fraction").asDouble()));
        }
        r.builder().corruption(specs);
    }
}
