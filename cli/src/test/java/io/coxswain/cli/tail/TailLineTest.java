package io.coxswain.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TailLineTest {

    @Test
    void aStepLineShowsLossLearningRateBatchSizeEpochAndGradNorm() {
        assertThat(TailLine.of(at(40, step(true, false)), 0))
                .hasValue("step 40      loss 0.6931  lr 0.001000  batch 32  epoch 0.40  grad 1.25");
    }

    @Test
    void stepsTheRunDoesNotLogAreLeftOutUnlessEveryPicksThem() {
        assertThat(TailLine.of(at(41, step(false, false)), 0)).isEmpty();
        assertThat(TailLine.of(at(50, step(false, false)), 25)).isPresent();
        assertThat(TailLine.of(at(40, step(true, false)), 25)).isEmpty();
        assertThat(TailLine.of(at(43, step(false, true)), 0)).as("an epoch's last step").isPresent();
        assertThat(TailLine.of(at(1, step(false, false)), 0)).as("the first step").isPresent();
    }

    @Test
    void aChangeNamesOldAndNewValueTheSenderAndTheCommand() {
        assertThat(TailLine.of(at(120, new ParameterChanged("cli-7", "learning_rate", DoubleNode.valueOf(0.001),
                DoubleNode.valueOf(0.002), CommandSource.user("ada"))), 0))
                .hasValue("step 120     changed learning_rate 0.001 -> 0.002 by user ada (command cli-7)");
        assertThat(TailLine.of(at(121, new TriggerFired("r-9", "stop",
                CommandSource.rule("control-streams", "loss_plateau", null))), 0))
                .hasValue("step 121     fired stop by rule loss_plateau (command r-9)");
    }

    @Test
    void aRejectionShowsItsReasonAndAnEvalItsMetrics() {
        assertThat(TailLine.of(at(5, new CommandRejected("cli-8", "learning_rate must be > 0, got -1",
                CommandSource.user("ada"))), 0))
                .hasValue("step 5       rejected command cli-8 from user ada: learning_rate must be > 0, got -1");
        assertThat(TailLine.of(at(200, new EvalCompleted(Map.of("eval_loss", 0.25))), 0))
                .hasValue("step 200     eval  eval_loss=0.2500");
        assertThat(TailLine.of(at(300, new RunFinished(RunFinished.STOPPED, "rule loss_plateau")), 0))
                .hasValue("step 300     finished: stopped (rule loss_plateau)");
    }

    @Test
    void aCommandShowsWhoWhatAndWhy() {
        ControlCommand command = new ControlCommand("cli-1", "r-1", Instant.EPOCH, CommandSource.user("ada"),
                List.of(new Action.SetParameter("batch_size", IntNode.valueOf(64)), new Action.FireTrigger("evaluate")),
                "bigger batches");
        assertThat(TailLine.of(command))
                .isEqualTo("command cli-1 from user ada: set batch_size=64, trigger evaluate (reason: bigger batches)");
    }

    private static StepCompleted step(boolean logged, boolean epochEnd) {
        return new StepCompleted(0.4, 0.4, 1280, 32, 0.693147, 1.25, 0.001, 0.01, logged, epochEnd, null);
    }

    private static EventEnvelope at(long step, RunEvent event) {
        return new EventEnvelope(new EventHeader("e-" + step, "r-1", "x-1", step + 1, step, Instant.EPOCH), event);
    }
}
