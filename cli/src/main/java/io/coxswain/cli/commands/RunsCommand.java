package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox runs}: the runs the ledger knows. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs recorded in the ledger.",
        footer = {"", "Examples:", "  cox runs", "  cox runs --json | jq '.[].runId'"})
public final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print the runs as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String jdbc = connection.jdbc();
        List<RunSummary> runs;
        try {
            runs = LedgerQueries.connect(jdbc).runs();
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc) + ": "
                    + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(runs));
        } else {
            out.printf("%-32s %-16s %-10s %-10s %12s %10s %10s%n", "RUN", "EXPERIMENT", "STATUS", "REASON", "STEP",
                    "LOSS", "LR");
            for (RunSummary r : runs) {
                out.printf("%-32s %-16s %-10s %-10s %12s %10s %10s%n", r.runId(), r.experimentId(),
                        r.status() == null ? "" : r.status().wire(), r.finishReason() == null ? "" : r.finishReason(),
                        (r.lastStep() == null ? "-" : r.lastStep()) + "/" + (r.plannedSteps() == null ? "?" : r.plannedSteps()),
                        r.lastLoss() == null ? "" : String.format("%.4f", r.lastLoss()),
                        r.learningRate() == null ? "" : String.format("%.3g", r.learningRate()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
