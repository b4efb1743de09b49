package io.coxswain.ledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given stored commands and answers, expect the {@code commands} rows' two sides, whole. */
class ProjectorCommandsTest {
    private static final Instant ISSUED = Instant.parse("2026-11-22T09:59:58Z");
    private final RunScript run = new RunScript("run-a");
    private final ObjectNode evidence = Json.mapper().createObjectNode().put("step", 120).put("loss_delta", 0.0001);
    private final CommandSource rule = CommandSource.rule("control-streams", "plateau/lr-decay", evidence);

    @Test
    void turnsACommandIntoTheIssuingSideOfItsRowWithItsActionsAsSent() {
        ControlCommand command = new ControlCommand("cmd-1", "run-a", ISSUED, rule,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.005)),
                        new Action.FireTrigger("checkpoint"),
                        new Action.LoadCheckpoint("/ckpt/run-b/step-100", "run-b")),
                "loss flat for 50 steps");

        ProjectionPlan plan = Projector.plan(List.of(), List.of(command));

        assertThat(plan).isEqualTo(new ProjectionPlan(List.of(), List.of(), List.of(),
                List.of(new CommandReason("cmd-1", "loss flat for 50 steps")),
                List.of(new IssuedCommand("cmd-1", "run-a", ISSUED, "rule", "control-streams", "plateau/lr-decay",
                        evidence, json("""
                                [{"op":"set","param":"learning_rate","value":0.005},
                                 {"op":"trigger","name":"checkpoint"},
                                 {"op":"load_checkpoint","checkpoint":"/ckpt/run-b/step-100","fromRun":"run-b"}]"""),
                        "loss flat for 50 steps")),
                List.of(), List.of(), List.of()));
    }

    @Test
    void keepsACommandWithoutIssueTimeOrReasonForTheStoreToDate() {
        ControlCommand command = new ControlCommand("cmd-2", "run-a", null, CommandSource.user("ada"),
                List.of(new Action.FireTrigger("evaluate")), null);

        ProjectionPlan plan = Projector.plan(List.of(), List.of(command));

        assertThat(plan.commandReasons()).isEmpty();
        assertThat(plan.issuedCommands()).containsExactly(new IssuedCommand("cmd-2", "run-a", null, "user", "ada",
                null, null, json("[{\"op\":\"trigger\",\"name\":\"evaluate\"}]"), null));
    }

    @Test
    void turnsEveryKindOfAnswerIntoTheAnsweringSideOfItsCommandsRow() {
        EventEnvelope changed = run.event(40, new ParameterChanged("cmd-1", "learning_rate", DoubleNode.valueOf(0.01),
                DoubleNode.valueOf(0.005), rule));
        EventEnvelope fired = run.event(40, new TriggerFired("cmd-1", "checkpoint", rule));
        EventEnvelope loaded = run.event(40, new CheckpointLoaded("cmd-1", "/ckpt/run-b/step-100", "run-b", 100,
                rule));
        EventEnvelope rejected = run.event(41, new CommandRejected("cmd-2", "unknown parameter 'lr'",
                CommandSource.user("ada")));
        EventEnvelope duplicate = run.event(42, new CommandIgnored("cmd-1", CommandIgnored.DUPLICATE));
        EventEnvelope unreadable = run.event(43, new CommandRejected(null, "the command is unreadable", null));

        ProjectionPlan plan = Projector.plan(List.of(changed, fired, loaded, rejected, duplicate, unreadable),
                List.of());

        assertThat(plan).isEqualTo(new ProjectionPlan(List.of(), List.of(), List.of(
                new NewParameterChange(changed.header().eventId(), "run-a", 40, "learning_rate",
                        DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.005), "cmd-1", "rule", "control-streams",
                        "plateau/lr-decay", evidence, changed.header().time())),
                List.of(), List.of(), List.of(
                applied("cmd-1", changed, rule), applied("cmd-1", fired, rule), applied("cmd-1", loaded, rule),
                new CommandAnswered("cmd-2", "run-a", rejected.header().eventId(), CommandAnswered.REJECTED,
                        "unknown parameter 'lr'", rejected.header().time(), 41, "user", "ada", null, null),
                new CommandAnswered("cmd-1", "run-a", duplicate.header().eventId(), CommandAnswered.IGNORED,
                        "duplicate", duplicate.header().time(), 42, null, null, null, null)),
                List.of(), List.of()));
    }

    @Test
    void plansTheSameRowsWhetherTheAnswerComesBeforeItsCommandOrAfterIt() {
        ControlCommand command = new ControlCommand("cmd-3", "run-a", ISSUED, CommandSource.user("ada"),
                List.of(new Action.FireTrigger("stop")), "enough");
        EventEnvelope fired = run.event(7, new TriggerFired("cmd-3", "stop", CommandSource.user("ada")));

        ProjectionPlan answerFirst = Projector.plan(List.of(fired), List.of());
        ProjectionPlan commandLater = Projector.plan(List.of(), List.of(command));
        ProjectionPlan together = Projector.plan(List.of(fired), List.of(command));

        assertThat(answerFirst.answers()).containsExactly(applied("cmd-3", fired, CommandSource.user("ada")));
        assertThat(answerFirst.issuedCommands()).isEmpty();
        assertThat(commandLater.answers()).isEmpty();
        assertThat(together.answers()).isEqualTo(answerFirst.answers());
        assertThat(together.issuedCommands()).isEqualTo(commandLater.issuedCommands());
        assertThat(together.commandReasons()).isEqualTo(commandLater.commandReasons());
    }

    /** The row side of an applied answer, from the answer's own header and copy of the source. */
    private static CommandAnswered applied(String commandId, EventEnvelope answer, CommandSource source) {
        return new CommandAnswered(commandId, "run-a", answer.header().eventId(), CommandAnswered.APPLIED, null,
                answer.header().time(), answer.step(), source.kind().wire(), source.author(), source.rule(),
                source.evidence());
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
