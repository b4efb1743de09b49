package io.coxswain.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.config.InvalidConfigException;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.agent.schedule.Parsed;
import io.coxswain.agent.workload.DataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run starts from: its batch-size schedule and the initial value of every live parameter. */
final class RunDefaults {
    private RunDefaults() {
    }

    /** The configured batch_size_schedule, or a constant batch_size. */
    static BatchSizeSchedule batchSchedule(TrainingConfig config) {
        if (config.batchSizeSchedule() == null) {
            return new BatchSizeSchedule.Constant(config.batchSize());
        }
        Parsed<BatchSizeSchedule> parsed = BatchSizeSchedule.parse(config.batchSizeSchedule(), "batch_size_schedule");
        if (!parsed.valid()) {
            throw new InvalidConfigException(config.runId(), parsed.problems());
        }
        return parsed.value();
    }

    /**
     * Every live parameter's initial value: the configuration's, the first batch size, and the mixture weights of
     * data_sources (absent sources 0), or with no data_sources each source weighted by its share of the samples.
     */
    static Map<String, JsonNode> initialValues(TrainingConfig config, List<DataSource> sources, int batchSize) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put(LiveParameters.LEARNING_RATE_NAME, DoubleNode.valueOf(config.learningRate()));
        values.put(LiveParameters.BATCH_SIZE_NAME, IntNode.valueOf(batchSize));
        values.put(LiveParameters.WEIGHT_DECAY_NAME, DoubleNode.valueOf(config.weightDecay()));
        values.put(LiveParameters.MAX_GRAD_NORM_NAME, DoubleNode.valueOf(config.maxGradNorm()));
        values.put(LiveParameters.LOGGING_STEPS_NAME, IntNode.valueOf(config.loggingSteps()));
        values.put(LiveParameters.EVAL_STEPS_NAME, IntNode.valueOf(config.evalSteps()));
        values.put(LiveParameters.SAVE_STEPS_NAME, IntNode.valueOf(config.saveSteps()));
        values.put(LiveParameters.SAMPLE_LOSS_STEPS_NAME, IntNode.valueOf(config.sampleLossSteps()));
        if (sources.size() > 1) {
            double total = sources.stream().mapToInt(DataSource::trainSize).sum();
            for (DataSource source : sources) {
                double weight = config.dataSources().isEmpty() ? source.trainSize() / total
                        : config.dataSources().getOrDefault(source.name(), 0.0);
                values.put(LiveParameters.MIX_PREFIX + source.name(), DoubleNode.valueOf(weight));
            }
        }
        return values;
    }
}
