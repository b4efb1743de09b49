package io.coxswain.agent.loop;

import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.agent.resume.RunHistory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resumed run re-executing the steps it had already published after its checkpoint: nothing is published again,
 * each command is applied at the step it was first applied, and each step's loss is checked against the one
 * published then. Mutable; used by the training thread only.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RunHistory history;
    private final Map<String, Deque<Long>> unapplied = new HashMap<>();
    private final Deque<Long> idless;
    private long checked;
    private long mismatches;

    Recovery(RunHistory history) {
        this.history = history;
        history.answeredAt().forEach((id, steps) -> unapplied.put(id, new ArrayDeque<>(steps)));
        this.idless = new ArrayDeque<>(history.idlessRejections());
    }

    /** The last step the run had published; re-execution ends there. */
    long untilStep() {
        return history.lastStep();
    }

    /** True while steps remain to re-execute after {@code step} steps. */
    boolean replaying(long step) {
        return step < history.lastStep();
    }

    /** Ids of the commands answered after the checkpoint that have not been seen again yet. */
    java.util.Set<String> awaited() {
        return unapplied.keySet();
    }

    /**
     * True (and forgets that answer) when this record was answered before the crash at or before {@code step} steps:
     * it is to be applied now without answering again. A command id answered twice (sent again, a duplicate) stands
     * for two records, matched in order.
     */
    boolean answeredBefore(IncomingCommand command, long step) {
        String id = command instanceof IncomingCommand.Received received ? received.command().commandId()
                : ((IncomingCommand.Unreadable) command).commandId();
        if (id != null) {
            Deque<Long> answers = unapplied.get(id);
            if (answers != null && answers.peekFirst() <= step) {
                answers.pollFirst();
                if (answers.isEmpty()) {
                    unapplied.remove(id);
                }
                return true;
            }
            return false;
        }
        if (!idless.isEmpty() && idless.peekFirst() <= step) {
            idless.pollFirst();
            return true;
        }
        return false;
    }

    /** Compares a re-executed step's loss with the one published before (bit for bit; NaN equals NaN). */
    void check(long step, double loss) {
        Double published = history.losses().get(step);
        if (published == null) {
            return;
        }
        checked++;
        if (Double.compare(published, loss) != 0) {
            mismatches++;
            if (mismatches <= 5) {
                LOG.warn("re-executed step {} has loss {} but {} was published before the restart", step, loss,
                        published);
            }
        }
    }

    long checked() {
        return checked;
    }

    long mismatches() {
        return mismatches;
    }
}
