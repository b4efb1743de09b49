package io.coxswain.agent.resume;

import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run had already published after a checkpoint, as read back from its events: how far it got, the loss of
 * each step, and at which step each command was answered. A resumed run re-executes up to {@link #lastStep()}
 * without publishing again, applying each answered command at the step it was first applied, and checks its losses
 * against {@link #losses()}.
 *
 * @param lastSeq           the highest sequence number published by the run's agent (at least the checkpoint's)
 * @param lastStep          the last step whose StepCompleted was published (at least the checkpoint's)
 * @param finished          the run's RunFinished if it was published, else null
 * @param losses            loss by step, for the steps after the checkpoint
 * @param answeredAt        steps at which each command id was answered after the checkpoint, in order: a command sent
 *                          again is answered again (as a duplicate), and each answer is one record to re-apply
 * @param idlessRejections  steps of the rejections of records that had no readable command id, oldest first
 */
public record RunHistory(long lastSeq, long lastStep, RunFinished finished, Map<Long, Double> losses,
                         Map<String, List<Long>> answeredAt, Deque<Long> idlessRejections) {

    public static RunHistory empty(long lastSeq, long lastStep) {
        return new RunHistory(lastSeq, lastStep, null, Map.of(), Map.of(), new ArrayDeque<>());
    }

    /** The history in these events of the run's agent with a sequence number above {@code afterSeq}. */
    public static RunHistory of(List<EventEnvelope> events, long afterSeq, long checkpointStep) {
        long lastSeq = afterSeq;
        long lastStep = checkpointStep;
        RunFinished finished = null;
        Map<Long, Double> losses = new HashMap<>();
        Map<String, List<Long>> answeredAt = new HashMap<>();
        Deque<Long> idless = new ArrayDeque<>();
        for (EventEnvelope envelope : events) {
            long seq = envelope.header().seq();
            if (seq <= afterSeq) {
                continue;
            }
            lastSeq = Math.max(lastSeq, seq);
            long step = envelope.header().step();
            if (envelope.event() instanceof StepCompleted done) {
                losses.put(step, done.loss());
                lastStep = Math.max(lastStep, step);
            } else if (envelope.event() instanceof RunFinished end) {
                finished = end;
            } else if (envelope.event() instanceof CommandAnswer answer) {
                String id = commandId(answer);
                if (id != null) {
                    answeredAt.computeIfAbsent(id, k -> new ArrayList<>()).add(step);
                } else {
                    idless.add(step);
                }
            }
        }
        answeredAt.replaceAll((id, steps) -> List.copyOf(steps));
        return new RunHistory(lastSeq, lastStep, finished, Collections.unmodifiableMap(losses),
                Collections.unmodifiableMap(answeredAt), idless);
    }

    private static String commandId(CommandAnswer answer) {
        if (answer instanceof ParameterChanged changed) {
            return changed.commandId();
        }
        if (answer instanceof TriggerFired fired) {
            return fired.commandId();
        }
        if (answer instanceof CommandRejected rejected) {
            return rejected.commandId();
        }
        return ((CommandIgnored) answer).commandId();
    }
}
