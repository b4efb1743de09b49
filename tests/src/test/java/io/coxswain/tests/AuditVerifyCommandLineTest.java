package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.cli.Cox;
import io.coxswain.protocol.events.RunFinished;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code cox audit verify} on the real stack: a real run's chain is intact; once a row of it is altered behind the
 * ledger's back (triggers off, as a superuser could), the command names the run and the row and exits 9.
 */
@ExtendWith(SharedStack.class)
class AuditVerifyCommandLineTest {
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void findsARealRunIntactThenNamesTheRowAlteredBehindTheLedgersBack() throws Exception {
        String runId = "e2e-audit-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 30, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunFinished.class, e -> true);
        }
        List<List<Object>> stored = stack.awaitRows(
                "SELECT run_seq FROM events WHERE run_id = ? AND type = 'RunFinished'", runId, 1);
        long rows = (Long) stored.get(0).get(0);

        Result intact = cox("audit", "verify", runId);
        assertThat(intact.code()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("intact: 1 run(s), " + rows + " row(s) checked");

        try (Connection c = stack.sql(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("UPDATE events SET payload = jsonb_set(payload, '{loss}', '0.0') WHERE run_id = '" + runId
                    + "' AND run_seq = 5");
            s.execute("SET session_replication_role = origin");
        }
        Result broken = cox("audit", "verify", runId);
        assertThat(broken.code()).isEqualTo(9);
        assertThat(broken.out()).contains("BROKEN run " + runId + " at row 5").contains("altered")
                .contains("1 broken run(s) of 1 run(s)");

        assertThat(cox("audit", "verify", runId + "-nope").code()).isEqualTo(5);
        assertThat(cox("audit", runId + "-nope").code()).isEqualTo(5);
        Result timeline = cox("audit", runId);
        assertThat(timeline.code()).isZero();
        assertThat(timeline.out()).contains("RunStarted").contains("RunFinished");
    }

    private static Result cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc", stack.jdbc()));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
