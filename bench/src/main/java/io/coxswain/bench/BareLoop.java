package io.coxswain.bench;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.data.Draw;
import io.coxswain.agent.data.MixingSampler;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.workload.ModelSettings;
import io.coxswain.agent.workload.StepRequest;
import io.coxswain.agent.workload.StepResult;
import io.coxswain.agent.workload.Workload;
import io.coxswain.agent.workload.WorkloadCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baseline: a run's workload stepped in a plain loop, with the batches the agent would draw (same sampler, same
 * seed), drawn before the clock starts, and the hyperparameters the agent would pass. No events, no commands.
 */
final class BareLoop {
    private BareLoop() {
    }

    static AgentOverheadBench.Measured train(TrainingConfig config, int skip) {
        Workload workload = workload(config);
        List<StepRequest> requests = requests(config, workload);
        List<Double> intervals = new ArrayList<>();
        List<Double> outsideFit = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        long last = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            long began = System.nanoTime();
            StepResult result = workload.step(requests.get(i));
            long now = System.nanoTime();
            losses.add(result.loss());
            if (i > skip) {
                intervals.add((now - last) / 1e6);
                outsideFit.add((began - last) / 1e6);
            }
            last = now;
        }
        return new AgentOverheadBench.Measured(intervals, outsideFit, losses);
    }

    /** The run's workload, built as the agent builds it. */
    static Workload workload(TrainingConfig config) {
        return WorkloadCatalog.create(config.workload(), new ModelSettings(config.seed(), config.optimizerSettings(),
                config.learningRate(), config.weightDecay()));
    }

    /** The steps the agent would ask of the workload, batches drawn by the agent's sampler with the run's seed. */
    static List<StepRequest> requests(TrainingConfig config, Workload workload) {
        MixingSampler sampler = new MixingSampler(config.seed(), workload.sources(), config.dropLast());
        SamplerState state = SamplerState.start(workload.sources());
        Map<String, Double> weights = Map.of(workload.sources().get(0).name(), 1.0);
        List<StepRequest> requests = new ArrayList<>();
        for (long step = 0; step < config.stepLimit(); step++) {
            Draw draw = sampler.draw(state, config.batchSize(), weights, config.batchSize());
            requests.add(new StepRequest(new int[][]{draw.indices()}, step, state.epoch(), config.learningRate(),
                    config.weightDecay(), config.maxGradNorm(), false, null));
            state = draw.next();
        }
        return requests;
    }
}
