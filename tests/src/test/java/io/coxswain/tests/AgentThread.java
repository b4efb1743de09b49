package io.coxswain.tests;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** A real trainer agent training in a background thread, connected to Kafka like {@code cox train}. */
final class AgentThread implements AutoCloseable {
    private final TrainerAgent agent;
    private final CompletableFuture<RunOutcome> outcome;

    private AgentThread(TrainerAgent agent) {
        this.agent = agent;
        this.outcome = CompletableFuture.supplyAsync(agent::run);
    }

    static AgentThread start(String bootstrap, String runId, long steps, Path checkpoints) {
        return start(bootstrap, TrainingConfig.builder(runId).experimentId("e2e").maxSteps(steps).seed(3)
                .learningRate(0.001).checkpointDir(checkpoints).build());
    }

    static AgentThread start(String bootstrap, TrainingConfig config) {
        return new AgentThread(TrainerAgent.connect(config, bootstrap));
    }

    /** How the run stands, for failure messages: still training, how it ended, or what killed its thread. */
    String state() {
        if (!outcome.isDone()) {
            return "still training";
        }
        try {
            return "ended: " + outcome.join();
        } catch (CompletionException e) {
            return "its thread died: " + e.getCause();
        }
    }

    RunOutcome awaitOutcome() throws Exception {
        return outcome.get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!outcome.isDone()) {
            agent.requestStop("test finished");
            outcome.get(60, TimeUnit.SECONDS);
        }
        agent.close();
    }
}
