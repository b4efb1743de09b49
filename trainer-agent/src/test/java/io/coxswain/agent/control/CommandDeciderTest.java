package io.coxswain.agent.control;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.load;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.TriggerFired;
import java.util.List;
import io.coxswain.agent.workload.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDeciderTest {
    private static final List<DataSource> SOURCES = List.of(new DataSource("clean", 600), new DataSource("noisy", 400));
    private static final ControlState START = ControlState.initial(LiveParameters.forRun(SOURCES, 2), values());
    private static final String LIVE = "learning_rate, batch_size, weight_decay, max_grad_norm, logging_steps, "
            + "eval_steps, save_steps, sample_loss_steps, mix.clean, mix.noisy";

    private static Map<String, JsonNode> values() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("learning_rate", DoubleNode.valueOf(0.001));
        values.put("batch_size", IntNode.valueOf(32));
        values.put("weight_decay", DoubleNode.valueOf(0.0));
        values.put("max_grad_norm", DoubleNode.valueOf(1.0));
        values.put("logging_steps", IntNode.valueOf(10));
        values.put("eval_steps", IntNode.valueOf(100));
        values.put("save_steps", IntNode.valueOf(500));
        values.put("sample_loss_steps", IntNode.valueOf(0));
        values.put("mix.clean", DoubleNode.valueOf(0.6));
        values.put("mix.noisy", DoubleNode.valueOf(0.4));
        return values;
    }

    private static void assertRejected(ControlCommand command, String reason) {
        Decision decision = CommandDecider.decide(START, command);
        assertThat(decision.answers()).containsExactly(new CommandRejected(command.commandId(), reason, ALICE));
        assertThat(decision.triggers()).isEmpty();
        assertThat(decision.next().values()).isEqualTo(START.values());
        assertThat(decision.next().hasSeen(command.commandId())).isTrue();
    }

    @Test
    void appliesANewLearningRate() {
        Decision decision = CommandDecider.decide(START, command("c-1", set("learning_rate", 0.01)));

        assertThat(decision.answers()).containsExactly(new ParameterChanged("c-1", "learning_rate",
                DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.01), ALICE));
        assertThat(decision.next().learningRate()).isEqualTo(0.01);
        assertThat(decision.triggers()).isEmpty();
    }

    @Test
    void rejectsNaNLearningRate() {
        assertRejected(command("c-1", set("learning_rate", Double.NaN)),
                "learning_rate must be a finite number, got NaN");
    }

    @Test
    void rejectsInfiniteLearningRate() {
        assertRejected(command("c-1", set("learning_rate", Double.POSITIVE_INFINITY)),
                "learning_rate must be a finite number, got Infinity");
    }

    @Test
    void rejectsNegativeLearningRate() {
        assertRejected(command("c-1", set("learning_rate", -0.1)),
                "learning_rate must be > 0 and <= 10, got -0.1");
    }

    @Test
    void rejectsZeroLearningRateBecauseTheLowerBoundIsExclusive() {
        assertRejected(command("c-1", set("learning_rate", 0.0)), "learning_rate must be > 0 and <= 10, got 0.0");
    }

    @Test
    void rejectsLearningRateAboveTen() {
        assertRejected(command("c-1", set("learning_rate", 10.5)), "learning_rate must be > 0 and <= 10, got 10.5");
    }

    @Test
    void acceptsLearningRateOfExactlyTen() {
        Decision decision = CommandDecider.decide(START, command("c-1", set("learning_rate", 10.0)));

        assertThat(decision.next().learningRate()).isEqualTo(10.0);
    }

    @Test
    void rejectsLearningRateSentAsAStringWithoutCoercingIt() {
        assertRejected(command("c-1", set("learning_rate", "0.1")),
                "learning_rate must be a number, got string \"0.1\"");
    }

    @Test
    void rejectsBooleanAndNullValues() {
        assertRejected(command("c-1", set("learning_rate", BooleanNode.TRUE)),
                "learning_rate must be a number, got boolean true");
        assertRejected(command("c-2", set("eval_steps", NullNode.getInstance())),
                "eval_steps must be an integer, got null");
    }

    @Test
    void rejectsNonIntegerLoggingSteps() {
        assertRejected(command("c-1", set("logging_steps", 2.5)), "logging_steps must be an integer, got 2.5");
    }

    @Test
    void rejectsZeroEvalSteps() {
        assertRejected(command("c-1", set("eval_steps", 0)), "eval_steps must be an integer >= 1, got 0");
    }

    @Test
    void acceptsAnIntegralValueWrittenWithAFractionForAnIntParameter() {
        Decision decision = CommandDecider.decide(START, command("c-1", set("logging_steps", 5.0)));

        assertThat(decision.answers()).containsExactly(new ParameterChanged("c-1", "logging_steps",
                IntNode.valueOf(10), IntNode.valueOf(5), ALICE));
        assertThat(decision.next().loggingSteps()).isEqualTo(5);
    }

    @Test
    void rejectsUnknownParameter() {
        assertRejected(command("c-1", set("learning_rte", 0.9)),
                "unknown parameter 'learning_rte' (live parameters: " + LIVE + ")");
    }

    @Test
    void rejectsSettingThatIsFixedWhileTheRunTrains() {
        assertRejected(command("c-1", set("gradient_accumulation_steps", 4)),
                "parameter 'gradient_accumulation_steps' is fixed while the run trains (live parameters: " + LIVE
                        + ")");
    }

    @Test
    void rejectsUnknownTrigger() {
        assertRejected(command("c-1", trigger("explode")),
                "unknown trigger 'explode' (supported: checkpoint, evaluate, log, stop, epoch_stop, pause, resume)");
    }

    @Test
    void rejectsBatchSizesThatAreZeroNegativeFractionalOrLargerThanTheData() {
        assertRejected(command("c-1", set("batch_size", 0)), "batch_size must be an integer >= 1 and <= 500, got 0");
        assertRejected(command("c-2", set("batch_size", -3)), "batch_size must be an integer >= 1 and <= 500, got -3");
        assertRejected(command("c-3", set("batch_size", 2.5)), "batch_size must be an integer, got 2.5");
        assertRejected(command("c-4", set("batch_size", 501)),
                "batch_size must be an integer >= 1 and <= 500, got 501");
    }

    @Test
    void changesAMixtureWeightButNeverAllOfThemToZero() {
        Decision decision = CommandDecider.decide(START, command("c-1", set("mix.noisy", 0)));
        assertThat(decision.next().doubleValue("mix.noisy")).isEqualTo(0.0);

        assertRejected(command("c-2", set("mix.clean", 0), set("mix.noisy", 0)),
                "the mixture weights (mix.*) may not all be 0: no batch could be drawn");
    }

    @Test
    void pausesOnceAndResumesOnceAndCallsTheRepeatsNoOps() {
        Decision pause = CommandDecider.decide(START, command("c-1", trigger("pause")));
        assertThat(pause.next().paused()).isTrue();
        assertThat(pause.triggers()).containsExactly(new FiredTrigger(TriggerKind.PAUSE, "c-1", ALICE));

        Decision again = CommandDecider.decide(pause.next(), command("c-2", trigger("pause")));
        assertThat(again.answers()).containsExactly(new CommandIgnored("c-2", CommandIgnored.NO_OP));
        assertThat(again.next().paused()).isTrue();

        Decision resume = CommandDecider.decide(pause.next(), command("c-3", trigger("resume")));
        assertThat(resume.next().paused()).isFalse();
        assertThat(resume.answers()).containsExactly(new TriggerFired("c-3", "resume", ALICE));

        Decision resumeRunning = CommandDecider.decide(START, command("c-4", trigger("resume")));
        assertThat(resumeRunning.answers()).containsExactly(new CommandIgnored("c-4", CommandIgnored.NO_OP));
    }

    @Test
    void answersEachOfTwoTriggersOfOneCommandAndFiresBothInOrder() {
        Decision decision = CommandDecider.decide(START, command("c-1", trigger("log"), trigger("epoch_stop")));

        assertThat(decision.answers()).containsExactly(new TriggerFired("c-1", "log", ALICE),
                new TriggerFired("c-1", "epoch_stop", ALICE));
        assertThat(decision.triggers()).extracting(FiredTrigger::kind)
                .containsExactly(TriggerKind.LOG, TriggerKind.EPOCH_STOP);
    }

    @Test
    void ignoresACommandIdSeenBefore() {
        ControlState afterFirst = CommandDecider.decide(START, command("c-1", set("learning_rate", 0.01))).next();

        Decision again = CommandDecider.decide(afterFirst, command("c-1", set("learning_rate", 0.02)));

        assertThat(again.answers()).containsExactly(new CommandIgnored("c-1", CommandIgnored.DUPLICATE));
        assertThat(again.next()).isEqualTo(afterFirst);
        assertThat(again.triggers()).isEmpty();
    }

    @Test
    void treatsARejectedCommandIdAsSeen() {
        ControlState afterRejection = CommandDecider.decide(START,
                command("c-1", set("learning_rate", -1.0))).next();

        Decision again = CommandDecider.decide(afterRejection, command("c-1", set("learning_rate", 0.01)));

        assertThat(again.answers()).containsExactly(new CommandIgnored("c-1", CommandIgnored.DUPLICATE));
    }

    @Test
    void ignoresSettingTheValuesAlreadyInEffect() {
        Decision decision = CommandDecider.decide(START,
                command("c-1", set("learning_rate", 0.001), set("logging_steps", 10)));

        assertThat(decision.answers()).containsExactly(new CommandIgnored("c-1", CommandIgnored.NO_OP));
        assertThat(decision.next().values()).isEqualTo(START.values());
        assertThat(decision.next().hasSeen("c-1")).isTrue();
    }

    @Test
    void rejectsTheWholeCommandWhenOneOfItsActionsIsInvalid() {
        ControlCommand command = command("c-1", set("learning_rate", 0.01), set("eval_steps", -5),
                trigger("checkpoint"));

        Decision decision = CommandDecider.decide(START, command);

        assertThat(decision.answers()).containsExactly(new CommandRejected("c-1",
                "eval_steps must be an integer >= 1, got -5", ALICE));
        assertThat(decision.next().learningRate()).isEqualTo(0.001);
        assertThat(decision.triggers()).isEmpty();
    }

    @Test
    void namesEveryProblemOfARejectedCommand() {
        assertRejected(command("c-1", set("learning_rate", Double.NaN), set("warmup", 3), trigger("explode")),
                "learning_rate must be a finite number, got NaN; unknown parameter 'warmup' (live parameters: "
                        + LIVE + "); unknown trigger 'explode' (supported: checkpoint, evaluate, log, stop, "
                        + "epoch_stop, pause, resume)");
    }

    @Test
    void rejectsAParameterSetTwiceInOneCommand() {
        assertRejected(command("c-1", set("learning_rate", 0.01), set("learning_rate", 0.02)),
                "learning_rate is set more than once in one command");
    }

    @Test
    void appliesAValidMultiActionCommandAsAWholeInItsOrder() {
        CommandSource rule = CommandSource.rule("control-streams", "loss_plateau", null);
        ControlCommand command = command("c-1", rule, set("learning_rate", 0.0005), set("logging_steps", 10),
                set("eval_steps", 50), trigger("checkpoint"), trigger("stop"));

        Decision decision = CommandDecider.decide(START, command);

        assertThat(decision.answers()).containsExactly(
                new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.0005),
                        rule),
                new ParameterChanged("c-1", "logging_steps", IntNode.valueOf(10), IntNode.valueOf(10), rule),
                new ParameterChanged("c-1", "eval_steps", IntNode.valueOf(100), IntNode.valueOf(50), rule),
                new TriggerFired("c-1", "checkpoint", rule),
                new TriggerFired("c-1", "stop", rule));
        assertThat(decision.triggers()).containsExactly(
                new FiredTrigger(TriggerKind.CHECKPOINT, "c-1", rule),
                new FiredTrigger(TriggerKind.STOP, "c-1", rule));
        Map<String, JsonNode> expected = new LinkedHashMap<>(START.values());
        expected.put("learning_rate", DoubleNode.valueOf(0.0005));
        expected.put("eval_steps", IntNode.valueOf(50));
        assertThat(decision.next().values()).isEqualTo(expected);
    }

    @Test
    void firesATriggerEvenWhenItsSetActionsChangeNothing() {
        Decision decision = CommandDecider.decide(START,
                command("c-1", set("learning_rate", 0.001), trigger("evaluate")));

        assertThat(decision.answers()).containsExactly(
                new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.001),
                        ALICE),
                new TriggerFired("c-1", "evaluate", ALICE));
        assertThat(decision.triggers()).containsExactly(new FiredTrigger(TriggerKind.EVALUATE, "c-1", ALICE));
    }

    @Test
    void namesTheRuleAndCommandThatFiredAStop() {
        CommandSource rule = CommandSource.rule("control-streams", "loss_plateau", null);
        Decision decision = CommandDecider.decide(START, command("rule-r1-loss_plateau-300", rule, trigger("stop")));

        assertThat(decision.triggers().get(0).firedBy())
                .isEqualTo("rule loss_plateau (command rule-r1-loss_plateau-300)");
    }

    @Test
    void answersAnUnreadableRecordWithTheDecodersReasonAndChangesNothing() {
        Decision decision = CommandDecider.rejectUnreadable(START,
                new IncomingCommand.Unreadable("missing field 'actions'", "c-9", 7));

        assertThat(decision.answers()).containsExactly(
                (RunEvent) new CommandRejected("c-9", "missing field 'actions'", null));
        assertThat(decision.next()).isEqualTo(START);
    }

    private static final String LEADER = "/shared/checkpoints/r-a/step-000040";

    @Test
    void loadsACheckpointAndAppliesTheCommandsSetsOnTopInOrder() {
        ControlCommand exploit = command("c-1", load(LEADER, "r-a"), set("learning_rate", 0.002));

        Decision decision = CommandDecider.decide(START, exploit,
                Map.of(LEADER, new CheckpointLookup.Loadable(40)));

        assertThat(decision.answers()).containsExactly(
                new CheckpointLoaded("c-1", LEADER, "r-a", 40, ALICE),
                new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.002),
                        ALICE));
        assertThat(decision.loads()).containsExactly(new Action.LoadCheckpoint(LEADER, "r-a"));
        assertThat(decision.triggers()).isEmpty();
        assertThat(decision.next().learningRate()).isEqualTo(0.002);
    }

    @Test
    void aLoadIsNeverANoOpEvenBesideValuesAlreadyInEffect() {
        Decision decision = CommandDecider.decide(START, command("c-1", load(LEADER, null),
                set("learning_rate", 0.001)), Map.of(LEADER, new CheckpointLookup.Loadable(40)));

        assertThat(decision.answers()).first().isEqualTo(new CheckpointLoaded("c-1", LEADER, null, 40, ALICE));
        assertThat(decision.loads()).hasSize(1);
    }

    @Test
    void rejectsTheWholeCommandWhenItsCheckpointCannotBeLoaded() {
        ControlCommand exploit = command("c-1", load(LEADER, "r-a"), set("learning_rate", 0.002));

        Decision decision = CommandDecider.decide(START, exploit,
                Map.of(LEADER, new CheckpointLookup.Unloadable("no such directory")));

        assertThat(decision.answers()).containsExactly(new CommandRejected("c-1",
                "cannot load checkpoint '" + LEADER + "': no such directory", ALICE));
        assertThat(decision.loads()).isEmpty();
        assertThat(decision.next().values()).isEqualTo(START.values());
        assertThat(decision.next().hasSeen("c-1")).isTrue();
    }

    @Test
    void rejectsABlankPathAndACheckpointTheRunDidNotLookAtWithTheOtherProblems() {
        ControlCommand command = command("c-1", load(" ", null), load("/elsewhere", null), set("learning_rate", -1.0));

        Decision decision = CommandDecider.decide(START, command);

        assertThat(decision.answers()).hasSize(1).first().isInstanceOfSatisfying(CommandRejected.class,
                rejected -> assertThat(rejected.reason()).startsWith(
                        "load_checkpoint names no checkpoint (the path is blank); cannot load checkpoint "
                                + "'/elsewhere': the run did not look at it before deciding the command; "
                                + "learning_rate"));
        assertThat(decision.loads()).isEmpty();
    }
}
