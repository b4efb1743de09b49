package io.coxswain.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coxswain.agent.config.CorruptionSpec;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLossesInARunTest {
    @TempDir
    Path checkpoints;

    private static List<Double> losses(AgentRun run) {
        return run.steps().stream().map(StepCompleted::loss).toList();
    }

    @Test
    void publishesTheBatchsPerSampleLossesExactlyOnMultiplesOfSampleLossSteps() {
        AgentRun run = new AgentRun();
        AgentRun without = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(7).sampleLossSteps(3).build());
        without.run(AgentRun.config(checkpoints).maxSteps(7).build());

        List<StepCompleted> steps = run.steps();
        assertThat(steps).extracting(s -> s.sampleLosses() == null ? 0 : s.sampleLosses().size())
                .containsExactly(0, 0, 32, 0, 0, 32, 0);
        for (StepCompleted step : List.of(steps.get(2), steps.get(5))) {
            double mean = step.sampleLosses().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(mean).as("the mean of the batch's sample losses is its loss").isCloseTo(step.loss(),
                    within(1e-5));
        }
        // computing them changes nothing in training
        assertThat(losses(run)).isEqualTo(losses(without));
    }

    @Test
    void labelNoiseAtAConfiguredStepRaisesThatStepsLossAndOnlyFromThatStep() {
        AgentRun clean = new AgentRun();
        AgentRun corrupted = new AgentRun();

        clean.run(AgentRun.config(checkpoints).maxSteps(6).learningRate(0.01).build());
        corrupted.run(AgentRun.config(checkpoints).maxSteps(6).learningRate(0.01)
                .corruption(List.of(new CorruptionSpec(6, "label_noise", 1.0))).sampleLossSteps(6).build());

        assertThat(losses(corrupted).subList(0, 5)).isEqualTo(losses(clean).subList(0, 5));
        assertThat(losses(corrupted).get(5)).isGreaterThan(losses(clean).get(5) + 0.5);
        // the per-sample losses of that step are those of the damaged batch
        assertThat(corrupted.steps().get(5).sampleLosses().stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow()).isCloseTo(losses(corrupted).get(5), within(1e-5));
    }
}
