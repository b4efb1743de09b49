package io.coxswain.agent;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.RunStarted;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        for (int rep = 0; rep < 2; rep++) {
        TrainingConfig config = TrainingConfig.builder("s-1").maxSteps(3000).evalSteps(250)
                .checkpointDir(java.nio.file.Files.createTempDirectory("ck")).build();
        RecordingEventSink sink = new RecordingEventSink();
        try (TrainerAgent agent = new TrainerAgent(config, sink, new InMemoryCommandFeed("s-1"))) {
            RunOutcome o = agent.run();
            System.out.println(o);
        }
        System.out.println("restart " + sink.eventsOf(RunStarted.class).get(0).restartCostSeconds());
        for (EvalCompleted e : sink.eventsOf(EvalCompleted.class)) System.out.println(e.metrics());
        var steps = sink.eventsOf(StepCompleted.class);
        for (int i = 0; i < 5; i++) System.out.println(steps.get(i));
        System.out.println(steps.get(steps.size() - 1));
        }
    }
}
