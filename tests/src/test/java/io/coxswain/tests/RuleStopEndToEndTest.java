package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.RunOutcome;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.streams.config.LossPlateauConfig;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** control-streams watches a real run, decides it has plateaued, and the agent stops it; the ledger records why. */
class RuleStopEndToEndTest {
    private static StackFixture stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = StackFixture.start(new LossPlateauConfig(20, 0.001, 40));
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void stopsAPlateauedRunByRuleAndRecordsWhoStoppedIt() throws Exception {
        String runId = "e2e-rule-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 20_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            RunOutcome outcome = agent.awaitOutcome();

            assertThat(outcome.reason()).isEqualTo(RunFinished.STOPPED);
            assertThat(outcome.stepsDone()).isGreaterThanOrEqualTo(40).isLessThan(20_000);
            EventEnvelope fired = events.awaitEvent(TriggerFired.class, e -> true);
            TriggerFired trigger = (TriggerFired) fired.event();
            assertThat(trigger.name()).isEqualTo("stop");
            assertThat(trigger.source().kind()).isEqualTo(SourceKind.RULE);
            assertThat(trigger.source().rule()).isEqualTo("loss_plateau");
            assertThat(trigger.source().evidence().has("bestMean")).isTrue();
            RunFinished finished = (RunFinished) events.awaitEvent(RunFinished.class, e -> true).event();
            assertThat(finished.detail()).contains("loss_plateau").contains(trigger.commandId());

            List<List<Object>> rows = stack.awaitRows(
                    "SELECT status, finish_reason FROM runs WHERE run_id = ? AND status = 'finished'", runId, 1);
            assertThat(rows).containsExactly(List.of("finished", "stopped"));
            assertThat(stack.queryRows("""
                    SELECT payload->'source'->>'kind', payload->'source'->>'rule', payload->'actions'->0->>'name'
                    FROM events WHERE run_id = ? AND type = 'ControlCommand'""", runId))
                    .containsExactly(List.of("rule", "loss_plateau", "stop"));
        }
    }
}
