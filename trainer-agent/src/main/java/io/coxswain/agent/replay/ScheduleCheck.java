package io.coxswain.agent.replay;

import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.LiveParameter;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.control.Reasons;
import io.coxswain.agent.workload.DataSource;
import io.coxswain.agent.workload.WorkloadCatalog;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.schedule.ScheduleEntry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a schedule against the run it is for, before it trains: every parameter it sets must be one the run
 * declares (its {@code mix.<source>} weights depend on the workload), every value must be one the run would accept,
 * and every checkpoint it loads must exist on this machine. Each problem names the entry and the field.
 */
public final class ScheduleCheck {
    private ScheduleCheck() {
    }

    /** Throws {@link InvalidScheduleException} listing every problem, if there is one. */
    public static void require(LoadedSchedule loaded, TrainingConfig config) {
        List<String> problems = problems(loaded, config);
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(loaded.name() + " for run " + config.runId(), problems);
        }
    }

    public static List<String> problems(LoadedSchedule loaded, TrainingConfig config) {
        List<DataSource> sources = WorkloadCatalog.sources(config.workload()).orElse(List.of());
        LiveParameters declared = LiveParameters.forRun(sources, config.gradientAccumulationSteps());
        List<String> problems = new ArrayList<>();
        List<ScheduleEntry> entries = loaded.schedule().entries();
        for (int i = 0; i < entries.size(); i++) {
            String where = loaded.where(i);
            Set<String> setHere = new HashSet<>();
            for (Action action : entries.get(i).actions()) {
                if (action instanceof Action.SetParameter set) {
                    parameterProblem(declared, set).ifPresent(p -> problems.add(where + ": set." + set.param()
                            + ": " + p));
                    if (!setHere.add(set.param())) {
                        problems.add(where + ": set." + set.param() + " is set twice in one entry");
                    }
                } else if (action instanceof Action.LoadCheckpoint load) {
                    checkpointProblem(load.checkpoint()).ifPresent(p -> problems.add(where
                            + ": load_checkpoint.path: cannot load " + load.checkpoint() + ": " + p));
                }
            }
        }
        return problems;
    }

    private static Optional<String> parameterProblem(LiveParameters declared, Action.SetParameter set) {
        Optional<LiveParameter> parameter = declared.find(set.param());
        if (parameter.isPresent()) {
            return parameter.get().problemWith(set.value());
        }
        if (LiveParameters.FIXED_SETTINGS.contains(set.param())) {
            return Optional.of("is fixed while the run trains (live parameters: " + declared.names() + ")");
        }
        return Optional.of("unknown parameter '" + Reasons.shorten(set.param()) + "' (live parameters of this run: "
                + declared.names() + ")");
    }

    private static Optional<String> checkpointProblem(String path) {
        try {
            return CheckpointStore.notACheckpoint(Path.of(path).toAbsolutePath());
        } catch (InvalidPathException e) {
            return Optional.of("it is not a valid path: " + e.getMessage());
        }
    }
}
