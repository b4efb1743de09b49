package io.coxswain.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRecipeTest {
    private static final ScheduleEntry LR = new ScheduleEntry(40,
            List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.003))), null);
    private static final ScheduleEntry STOP = new ScheduleEntry(90, List.of(new Action.FireTrigger("stop")), null);

    private static RunRecipe ended(RunFinished finished, ScheduleEntry... entries) {
        return new RunRecipe("r-1", Json.mapper().createObjectNode(), 7, "mlp-blobs", 300,
                new ControlSchedule("r-1", List.of(entries)), 90, finished);
    }

    @Test
    void aCompletedRunOrOneStoppedByACommandIsReplayedWithItsOwnSchedule() {
        RunRecipe completed = ended(new RunFinished(RunFinished.COMPLETED, "completed 300 of 300 steps"), LR);
        RunRecipe stopped = ended(new RunFinished(RunFinished.STOPPED, "user ana (command c-9)"), LR, STOP);

        assertThat(completed.replaySchedule()).isEqualTo(completed.schedule());
        assertThat(stopped.replaySchedule()).isEqualTo(stopped.schedule());
        assertThat(completed.addedStopReason()).isNull();
    }

    @Test
    void aRunThatEndedEarlyWithoutAStopCommandIsReplayedToItsLastStep() {
        RunRecipe interrupted = ended(new RunFinished(RunFinished.STOPPED, "agent: interrupted (Ctrl-C)"), LR);
        RunRecipe unfinished = ended(null, LR);

        assertThat(interrupted.replaySchedule().entries()).containsExactly(LR, STOP);
        assertThat(unfinished.replaySchedule().entries()).containsExactly(LR, STOP);
        assertThat(interrupted.addedStopReason()).isEqualTo("run r-1 ended stopped (agent: interrupted (Ctrl-C))"
                + " at step 90 without a stop command: the replay stops there too");
        assertThat(unfinished.addedStopReason()).isEqualTo("the ledger has no end of run r-1 (still running,"
                + " crashed, or not stored yet): the replay stops at its last recorded step 90");
    }
}
