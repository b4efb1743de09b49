package io.coxswain.agent.resume;

import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
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
import java.util.Objects;

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
 *                          again is answered again (as a duplicate), and each answer is one record to re-apply (the
 *                          consecutive answers of one applied command's actions are one answer)
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
        RunEvent previous = null;
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
            } else if (envelope.event() instanceof CommandAnswer answer && !sameCommand(previous, answer)) {
                String id = answer.commandId();
                if (id != null) {
                    answeredAt.computeIfAbsent(id, k -> new ArrayList<>()).add(step);
                } else {
                    idless.add(step);
                }
            }
            previous = envelope.event();
        }
        answeredAt.replaceAll((id, steps) -> List.copyOf(steps));
        return new RunHistory(lastSeq, lastStep, finished, Collections.unmodifiableMap(losses),
                Collections.unmodifiableMap(answeredAt), idless);
    }

    /** True for the second and later answers of one applied command, which directly follow its first answer. */
    private static boolean sameCommand(RunEvent previous, CommandAnswer answer) {
        return applied(previous) && applied(answer)
                && Objects.equals(((CommandAnswer) previous).commandId(), answer.commandId());
    }

    private static boolean applied(RunEvent event) {
        return event instanceof ParameterChanged || event instanceof TriggerFired || event instanceof CheckpointLoaded;
    }
}
