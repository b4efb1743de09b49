package io.coxswain.streams.rules.trac;

import java.util.NavigableMap;
import java.util.Set;

/**
 * The runs of one experiment as cohort metrics see them: per run, the series of each reported value by step. Keys are
 * {@code loss} (logged training losses) and each evaluation metric (e.g. {@code eval_loss}).
 */
public interface CohortView {

    /** The experiment's runs seen so far, in the order they were first seen. */
    Set<String> runs();

    /** The run's values of {@code key} by step (oldest first), empty when it reported none. */
    NavigableMap<Long, Double> series(String runId, String key);

    /** The run's last step seen. */
    long lastStep(String runId);

    /** Whether the run finished (RunFinished seen); finished runs still count in the cohort's statistics. */
    boolean finished(String runId);

    /** The run's latest checkpoint path and its step, or null when it saved none. */
    CheckpointRef latestCheckpoint(String runId);

    /** A saved checkpoint of a run. */
    record CheckpointRef(String path, long step) {
    }
}
