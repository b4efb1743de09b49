package io.coxswain.bench;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.workload.StepRequest;
import io.coxswain.agent.workload.Workload;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.List;

/**
 * The bare loop in lockstep with an agent, on the agent's training thread: right after each StepCompleted the bare
 * loop takes its own copy of the same step (same network, same batch). Each agent step (from the end of the previous
 * bare step to this StepCompleted) is paired with the bare step that follows it, milliseconds apart, so that the
 * machine's load drifts hit both alike.
 */
final class Lockstep implements EventListener {
    private final Workload bare;
    private final List<StepRequest> requests;
    private final int skip;
    private final List<Double> agentMillis = new ArrayList<>();
    private final List<Double> bareMillis = new ArrayList<>();
    private final List<Double> agentLosses = new ArrayList<>();
    private final List<Double> bareLosses = new ArrayList<>();
    private long lastEnd;
    private int step;

    Lockstep(TrainingConfig config, int skip) {
        this.bare = BareLoop.workload(config);
        this.requests = BareLoop.requests(config, bare);
        this.skip = skip;
    }

    @Override
    public void onEvent(EventEnvelope event) {
        if (!(event.event() instanceof StepCompleted completed)) {
            return;
        }
        long agentEnd = System.nanoTime();
        double bareLoss = bare.step(requests.get(step)).loss();
        long bareEnd = System.nanoTime();
        agentLosses.add(completed.loss());
        bareLosses.add(bareLoss);
        if (step > skip) {
            agentMillis.add((agentEnd - lastEnd) / 1e6);
            bareMillis.add((bareEnd - agentEnd) / 1e6);
        }
        lastEnd = bareEnd;
        step++;
    }

    List<Double> agentMillis() {
        return List.copyOf(agentMillis);
    }

    List<Double> bareMillis() {
        return List.copyOf(bareMillis);
    }

    /** Each agent step's time over the bare step paired with it. */
    List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < agentMillis.size(); i++) {
            ratios.add(agentMillis.get(i) / bareMillis.get(i));
        }
        return ratios;
    }

    boolean sameLosses() {
        return agentLosses.equals(bareLosses);
    }
}
