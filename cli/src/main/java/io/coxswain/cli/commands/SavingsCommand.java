package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.savings.SavingsException;
import io.coxswain.ledger.savings.SavingsQueries;
import io.coxswain.ledger.savings.SavingsReport;
import io.coxswain.ledger.savings.SavingsSettings;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox savings}: what each intervention saved, per run, rule and experiment, computed from the ledger. */
@Command(name = "savings", mixinStandardHelpOptions = true,
        description = "What each intervention saved (early stops, live changes instead of restarts, checkpoint "
                + "storage versus a baseline policy), per run, per rule or sender and per experiment, computed from "
                + "the ledger's events. Every figure says whether it was measured or estimated, and how.",
        footer = {"", "Examples:", "  cox savings", "  cox savings --experiment exp-1",
                "  cox savings --run r-1 --run r-2 --json",
                "", "Exit: 0 printed (also when nothing was saved), 5 unknown run or experiment."})
public final class SavingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--experiment", paramLabel = "X", description = "Only the runs of this experiment.")
    String experiment;

    @Option(names = "--run", paramLabel = "RUN", description = "Only this run (repeatable).")
    List<String> runs;

    @Option(names = "--json", description = "Print one JSON object: the items, totals per run, per rule or sender "
            + "(byCredit) and per experiment, and the total.")
    boolean json;

    @Option(names = "--baseline-every", paramLabel = "EPOCHS", defaultValue = "0.25",
            description = "The baseline checkpoint policy's interval in epochs (default: ${DEFAULT-VALUE}, TrAC's).")
    double baselineEpochs;

    @Override
    public Integer call() throws Exception {
        if (experiment != null && runs != null) {
            throw new CliException(ExitCodes.USAGE, "give --experiment or --run, not both");
        }
        SavingsSettings settings;
        try {
            settings = new SavingsSettings(baselineEpochs);
        } catch (SavingsException e) {
            throw new CliException(ExitCodes.USAGE, "--baseline-every: " + e.getMessage());
        }
        String jdbc = connection.jdbc();
        SavingsQueries savings = SavingsQueries.connect(jdbc);
        List<String> runIds = read(jdbc, () -> runIds(jdbc, savings));
        SavingsReport report = SavingsReport.of(read(jdbc, () -> savings.items(runIds, settings)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("runs", runIds);
            document.put("settings", settings);
            document.put("report", report);
            out.println(Json.mapper().writeValueAsString(document));
        } else {
            out.println("savings of " + scope(runIds) + "; baseline checkpoints every "
                    + SavingsText.digits(settings.baselineCheckpointEpochs()) + " epoch");
            if (report.items().isEmpty()) {
                out.println("nothing saved: no early stop, live change or checkpoint recorded");
            } else {
                out.println();
                SavingsText.print(report, out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<String> runIds(String jdbc, SavingsQueries savings) {
        if (experiment != null) {
            List<String> ids = savings.runIdsOfExperiment(experiment);
            if (ids.isEmpty()) {
                List<String> similar = savings.similarExperimentIds(experiment, 5);
                throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown experiment '" + experiment + "' (no runs in "
                        + "the ledger)" + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                        + String.join(", ", similar) + "?"));
            }
            return ids;
        }
        if (runs != null) {
            LedgerQueries ledger = LedgerQueries.connect(jdbc);
            for (String runId : runs) {
                if (ledger.run(runId).isEmpty()) {
                    List<String> similar = ledger.similarRunIds(runId, 5);
                    throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "' in the ledger"
                            + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                            + String.join(", ", similar) + "?"));
                }
            }
            return List.copyOf(new LinkedHashSet<>(runs));
        }
        return savings.runIds();
    }

    private String scope(List<String> runIds) {
        if (experiment != null) {
            return "experiment " + experiment + " (" + runIds.size() + " runs)";
        }
        if (runs != null) {
            return (runIds.size() == 1 ? "run " : "runs ") + String.join(", ", runIds);
        }
        return "every run in the ledger (" + runIds.size() + ")";
    }

    private static <T> T read(String jdbc, Supplier<T> query) {
        try {
            return query.get();
        } catch (CliException e) {
            throw e;
        } catch (SavingsException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc) + ": "
                    + e.getMessage(), e);
        }
    }
}
