package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.ChainBreak;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.EventRow;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cox audit RUN}: the run's timeline of commands, answers and changes with who, what, why and the step;
 * {@code cox audit verify [RUN]}: what the ledger can prove about its own records.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "A run's timeline from the ledger: every command, answer and change, with who, what, why and "
                + "the step. 'cox audit verify [RUN]' walks the hash chains.",
        footer = {"", "Examples:", "  cox audit r-1", "  cox audit r-1 --json | jq '.[] | select(.type == \"ParameterChanged\")'",
                "  cox audit verify", "  cox audit verify r-1 --json",
                "", "Exit: 0 printed, 5 unknown run (close matches suggested), 6 the ledger is unreachable."},
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run.")
    String runId;

    @Option(names = "--json", description = "Print the timeline as a JSON array of the stored rows.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (runId == null) {
            spec.commandLine().usage(out);
            return ExitCodes.OK;
        }
        String jdbc = connection.jdbc();
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        List<EventRow> rows;
        try {
            rows = ledger.auditTimeline(runId);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc)
                    + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            List<String> similar = ledger.similarRunIds(runId, 5);
            throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "' in the ledger"
                    + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                    + String.join(", ", similar) + "?"));
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(rows));
        } else {
            out.printf("%-8s %-24s %-17s %s%n", "STEP", "TIME", "WHAT", "DETAIL");
            rows.forEach(row -> out.printf("%-8s %-24s %-17s %s%n", row.step() == null ? "-" : row.step(),
                    row.time(), row.type(), AuditLine.describe(row)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code cox audit verify [RUN]}: walks the hash chains. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the ledger's hash chains (every run, or RUN): each row's hash recomputed, its link to "
                    + "the row before, no position skipped. Exit 0 when intact; 9 naming each broken run and its "
                    + "first broken row.",
            footer = {"", "Examples:", "  cox audit verify", "  cox audit verify r-1",
                    "  cox audit verify --json | jq .intact",
                    "", "Exit: 0 intact, 9 a chain is broken, 5 unknown run, 6 the ledger is unreachable."})
    public static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "Only this run.")
        String runId;

        @Option(names = "--json", description = "Print one JSON object: intact, runs, rows and the breaks.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String jdbc = connection.jdbc();
            LedgerQueries ledger = LedgerQueries.connect(jdbc);
            ChainReport report;
            try {
                report = ledger.verifyChains(runId);
            } catch (RuntimeException e) {
                throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc)
                        + ": " + e.getMessage(), e);
            }
            if (runId != null && report.rows() == 0) {
                List<String> similar = ledger.similarRunIds(runId, 5);
                throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "' in the ledger"
                        + (similar.isEmpty() ? "" : "; did you mean " + String.join(", ", similar) + "?"));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode result = Json.mapper().createObjectNode().put("intact", report.intact())
                        .put("runs", report.runs()).put("rows", report.rows());
                result.set("breaks", Json.mapper().valueToTree(report.breaks()));
                out.println(Json.mapper().writeValueAsString(result));
                out.flush();
                return report.intact() ? ExitCodes.OK : ExitCodes.CHAIN_BROKEN;
            }
            for (ChainBreak broken : report.breaks()) {
                out.println("BROKEN run " + broken.runId() + " at row " + broken.runSeq() + " (ledger id "
                        + broken.id() + ", event " + broken.eventId() + "): " + describe(broken.problem()));
            }
            out.println((report.intact() ? "intact: " : report.breaks().size() + " broken run(s) of ") + report.runs()
                    + " run(s), " + report.rows() + " row(s) checked");
            out.flush();
            return report.intact() ? ExitCodes.OK : ExitCodes.CHAIN_BROKEN;
        }

        private static String describe(String problem) {
            return switch (problem) {
                case "altered" -> "its content no longer matches its hash (the row was altered)";
                case "link" -> "its link does not match the row before (a row before it was altered or removed)";
                default -> "positions skip (rows were removed)";
            };
        }
    }
}
