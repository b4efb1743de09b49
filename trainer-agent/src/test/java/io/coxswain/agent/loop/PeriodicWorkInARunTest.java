package io.coxswain.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodicWorkInARunTest {
    @TempDir
    Path checkpoints;

    /** Every event but StepCompleted, as {@code type@step}, with checkpoint directory names. */
    private static List<String> periodicEvents(AgentRun run) {
        return run.sink.events().stream().filter(e -> !(e.event() instanceof StepCompleted))
                .map(PeriodicWorkInARunTest::describe).toList();
    }

    private static String describe(EventEnvelope e) {
        String at = e.type() + "@" + e.step();
        if (e.event() instanceof CheckpointSaved saved) {
            return at + " " + Path.of(saved.path()).getFileName();
        }
        if (e.event() instanceof CheckpointDeleted deleted) {
            return at + " " + Path.of(deleted.path()).getFileName() + " (" + deleted.reason() + ")";
        }
        return at;
    }

    @Test
    void evaluatesAndSavesEveryNStepsWithTheStepsStrategy() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(7).evalStrategy(IntervalStrategy.STEPS).evalSteps(3)
                .saveStrategy(IntervalStrategy.STEPS).saveSteps(3).build());

        assertThat(periodicEvents(run)).containsExactly("RunStarted@0",
                "EvalCompleted@3", "CheckpointSaved@3 step-000003",
                "EvalCompleted@6", "CheckpointSaved@6 step-000006",
                "CheckpointSaved@7 final-step-000007", "RunFinished@7");
        assertThat(Dirs.names(checkpoints.resolve("r-1")))
                .containsExactly("final-step-000007", "step-000003", "step-000006");
    }

    @Test
    void evaluatesAndSavesAtEachEpochsEndWithTheEpochStrategy() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(null).numTrainEpochs(2.0).batchSize(2000)
                .evalStrategy(IntervalStrategy.EPOCH).saveStrategy(IntervalStrategy.EPOCH).build());

        assertThat(periodicEvents(run)).containsExactly("RunStarted@0",
                "EvalCompleted@4", "CheckpointSaved@4 step-000004",
                "EvalCompleted@8", "CheckpointSaved@8 step-000008",
                "CheckpointSaved@8 final-step-000008", "RunFinished@8");
    }

    @Test
    void saveTotalLimitDeletesTheOldestPeriodicCheckpointsAndNeverTheFinalOne() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(9).saveStrategy(IntervalStrategy.STEPS).saveSteps(2)
                .saveTotalLimit(2).build());

        assertThat(periodicEvents(run)).containsExactly("RunStarted@0",
                "CheckpointSaved@2 step-000002", "CheckpointSaved@4 step-000004",
                "CheckpointSaved@6 step-000006", "CheckpointDeleted@6 step-000002 (save_total_limit 2)",
                "CheckpointSaved@8 step-000008", "CheckpointDeleted@8 step-000004 (save_total_limit 2)",
                "CheckpointSaved@9 final-step-000009", "RunFinished@9");
        Map<String, Long> savedBytes = run.sink.eventsOf(CheckpointSaved.class).stream()
                .collect(Collectors.toMap(CheckpointSaved::path, CheckpointSaved::bytes));
        assertThat(run.sink.eventsOf(CheckpointDeleted.class))
                .allSatisfy(d -> assertThat(d.bytes()).isEqualTo(savedBytes.get(d.path())));
        assertThat(Dirs.names(checkpoints.resolve("r-1")))
                .containsExactly("final-step-000009", "step-000006", "step-000008");
    }
}
