package io.coxswain.streams.rules.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run stands, the part of HF's {@code TrainerState} that our events carry.
 *
 * @param globalStep     the step of the last StepCompleted (or the resumed-from step), 0 before any
 * @param epoch          the fractional epoch of the last StepCompleted, 0.0 before any
 * @param maxSteps       the planned steps from RunStarted, 0 before it
 * @param numTrainEpochs {@code num_train_epochs} from RunStarted's config, null when absent; shown as a Long when
 *                       whole, as HF's int
 * @param trainBatchSize the batch size of the last StepCompleted, null before any
 * @param learningRate   the learning rate of the last StepCompleted, null before any
 * @param isFinal        whether the run finished
 */
public record Progress(long globalStep, double epoch, long maxSteps, Double numTrainEpochs, Integer trainBatchSize,
                       Double learningRate, boolean isFinal) {

    public static Progress initial() {
        return new Progress(0, 0.0, 0, null, null, null, false);
    }

    /**
     * TrAC's {@code TrainingState} dict. {@code log_history} is left out: rules read logged losses through
     * {@code Loss} and {@code HistoryBasedMetric}, and an ever-growing list has no place in a state store.
     * Keys whose value is not known yet ({@code num_train_epochs}, {@code train_batch_size}, {@code learning_rate})
     * are left out rather than null, as a rule reading them then fails with a missing key.
     */
    public Map<String, Object> toValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("global_step", globalStep);
        value.put("epoch", epoch);
        value.put("max_steps", maxSteps);
        if (numTrainEpochs != null) {
            value.put("num_train_epochs", numTrainEpochs == Math.rint(numTrainEpochs) && !numTrainEpochs.isInfinite()
                    ? (Object) numTrainEpochs.longValue() : numTrainEpochs);
        }
        if (trainBatchSize != null) {
            value.put("train_batch_size", trainBatchSize.longValue());
        }
        if (learningRate != null) {
            value.put("learning_rate", learningRate);
        }
        value.put("total_flos", 0.0);
        value.put("is_local_process_zero", true);
        value.put("is_world_process_zero", true);
        value.put("is_final", isFinal);
        return Values.frozen(value);
    }
}
