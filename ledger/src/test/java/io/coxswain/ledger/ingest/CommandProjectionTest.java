package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.query.CommandRow;
import io.coxswain.ledger.query.InterventionRow;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.testing.Expected;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code commands} projection and its {@code interventions} view, written through the ingest's batch writer:
 * answers before or after their command, in one batch or in later ones, redeliveries, and rules' commands.
 */
@ExtendWith(LedgerInfrastructure.class)
class CommandProjectionTest {
    private final TestBatches batches;
    private final ProjectionReads reads;
    private final String runId = RunScript.uniqueRunId("commands");
    private final RunScript run = new RunScript(runId);
    private final Instant issued = RunScript.BASE_TIME.minusMillis(250);
    private final CommandSource ada = CommandSource.user("ada");

    CommandProjectionTest(LedgerServers servers) {
        this.batches = new TestBatches(servers.jdbi(), "command-projection-test-" + UUID.randomUUID());
        this.reads = servers.jdbi().onDemand(ProjectionReads.class);
    }

    @Test
    void completesTheRowOfAnAnswerThatCameBatchesBeforeItsCommand() {
        ControlCommand command = command("stop", "enough");
        EventEnvelope fired = run.event(7, new TriggerFired(command.commandId(), "stop", ada));

        batches.write(fired);
        CommandRow answeredOnly = reads.command(command.commandId()).orElseThrow();
        batches.write(command);

        assertThat(answeredOnly).isEqualTo(new CommandRow(command.commandId(), runId, null, SourceKind.USER, "ada",
                null, null, null, null, "applied", null, fired.header().time(), 7L, null));
        assertThat(reads.commands(runId)).containsExactly(new CommandRow(command.commandId(), runId, issued,
                SourceKind.USER, "ada", null, null, Expected.wireOf(command).get("actions"), "enough", "applied",
                null, fired.header().time(), 7L, millisBetween(issued, fired.header().time())));
    }

    @Test
    void endsWithTheSameRowWhicheverComesFirstInOneBatch() {
        ControlCommand first = command("evaluate", "look now");
        ControlCommand second = command("evaluate", "look now");
        Instant answered = RunScript.BASE_TIME.plusSeconds(3);
        EventEnvelope firstAnswer = at(answered, 3, new TriggerFired(first.commandId(), "evaluate", ada));
        EventEnvelope secondAnswer = at(answered, 3, new TriggerFired(second.commandId(), "evaluate", ada));

        batches.write(first, firstAnswer);
        batches.write(secondAnswer, second);

        List<CommandRow> rows = reads.commands(runId);
        CommandRow expected = new CommandRow(null, runId, issued, SourceKind.USER, "ada", null, null,
                Expected.wireOf(first).get("actions"), "look now", "applied", null, answered, 3L,
                millisBetween(issued, answered));
        assertThat(rows).extracting(CommandProjectionTest::withoutId).containsExactly(expected, expected);
    }

    @Test
    void keepsTheFirstDeliverysOutcomeWhenARedeliveryIsAnsweredDuplicateWhateverOrderTheyArriveIn() {
        ControlCommand command = setLearningRate(0.02);
        EventEnvelope changed = run.event(10, new ParameterChanged(command.commandId(), "learning_rate",
                DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.02), ada));
        EventEnvelope duplicate = run.event(11, new CommandIgnored(command.commandId(), CommandIgnored.DUPLICATE));
        ControlCommand other = setLearningRate(0.03);
        EventEnvelope otherChanged = run.event(10, new ParameterChanged(other.commandId(), "learning_rate",
                DoubleNode.valueOf(0.02), DoubleNode.valueOf(0.03), ada));
        EventEnvelope otherDuplicate = run.event(11, new CommandIgnored(other.commandId(), CommandIgnored.DUPLICATE));

        batches.write(command);
        batches.write(changed);
        batches.write(command);
        batches.write(duplicate);
        batches.write(otherDuplicate, other);
        batches.write(otherChanged, other);

        CommandRow row = reads.command(command.commandId()).orElseThrow();
        assertThat(row).isEqualTo(new CommandRow(command.commandId(), runId, issued, SourceKind.USER, "ada", null,
                null, Expected.wireOf(command).get("actions"), null, "applied", null, changed.header().time(), 10L,
                millisBetween(issued, changed.header().time())));
        CommandRow otherRow = reads.command(other.commandId()).orElseThrow();
        assertThat(otherRow.outcome()).isEqualTo("applied");
        assertThat(otherRow.answeredAt()).isEqualTo(otherChanged.header().time());
    }

    @Test
    void showsACommandPendingUntilItsAnswerComesAndDatesOneWithoutIssueTimeByItsRecord() {
        ControlCommand undated = new ControlCommand("cmd-" + UUID.randomUUID(), runId, null, ada,
                List.of(new Action.FireTrigger("checkpoint")), null);

        batches.write(undated);

        assertThat(reads.pendingCommands(runId)).containsExactly(new CommandRow(undated.commandId(), runId,
                TestBatches.RECORD_TIME, SourceKind.USER, "ada", null, null, Expected.wireOf(undated).get("actions"),
                null, "pending", null, null, null, null));
        EventEnvelope rejected = run.event(4, new CommandRejected(undated.commandId(), "the run is paused", ada));
        batches.write(rejected);
        assertThat(reads.pendingCommands(runId)).isEmpty();
        assertThat(reads.command(undated.commandId()).orElseThrow().outcomeDetail()).isEqualTo("the run is paused");
    }

    @Test
    void listsWhatRulesDidWithTheirRuleSetControllerEvidenceAndOutcome() {
        ObjectNode evidence = Json.mapper().createObjectNode().put("ruleSet", "plateau").put("step", 120)
                .put("loss_delta", 0.0001);
        ControlCommand byRule = new ControlCommand("rule-" + UUID.randomUUID(), runId, issued,
                CommandSource.rule("control-streams", "plateau/lr-decay", evidence),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(-1.0))), "loss flat");
        EventEnvelope rejected = run.event(121, new CommandRejected(byRule.commandId(),
                "learning_rate must be > 0, got -1.0", byRule.source()));
        ControlCommand byHand = setLearningRate(0.5);

        batches.write(rejected, byHand);
        batches.write(byRule);

        JsonNode actions = Expected.wireOf(byRule).get("actions");
        assertThat(reads.interventions(runId)).containsExactly(new InterventionRow(byRule.commandId(), runId,
                "plateau", "lr-decay", "plateau/lr-decay", actions, evidence, "loss flat", 120L, issued, "rejected",
                "learning_rate must be > 0, got -1.0", rejected.header().time(), 121L,
                millisBetween(issued, rejected.header().time())));
        assertThat(reads.interventionsOfRuleSet("plateau")).extracting(InterventionRow::commandId)
                .contains(byRule.commandId()).doesNotContain(byHand.commandId());
    }

    /** An answer at a given time, as a component other than the agent would send it (seq 0). */
    private EventEnvelope at(Instant time, long step, RunEvent event) {
        return new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, RunScript.EXPERIMENT, 0, step,
                time), event);
    }

    private ControlCommand command(String trigger, String reason) {
        return new ControlCommand("cmd-" + UUID.randomUUID(), runId, issued, ada,
                List.of(new Action.FireTrigger(trigger)), reason);
    }

    private ControlCommand setLearningRate(double value) {
        return new ControlCommand("cmd-" + UUID.randomUUID(), runId, issued, ada,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(value))), null);
    }

    private static CommandRow withoutId(CommandRow row) {
        return new CommandRow(null, row.runId(), row.issuedAt(), row.sourceKind(), row.author(), row.rule(),
                row.evidence(), row.actions(), row.reason(), row.outcome(), row.outcomeDetail(), row.answeredAt(),
                row.answeredStep(), row.latencyMs());
    }

    private static Double millisBetween(Instant from, Instant to) {
        return (double) Duration.between(from, to).toMillis();
    }
}
