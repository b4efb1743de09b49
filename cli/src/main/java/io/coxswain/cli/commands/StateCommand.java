package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStateAt;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox state RUN --at-step N}: a run's configuration and live parameters at a step, rebuilt from the ledger. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "A run's configuration and every live parameter's value at the end of a step (the values the "
                + "next step trains with), rebuilt from the ledger's events, with who set each and when.",
        footer = {"", "Examples:", "  cox state r-1 --at-step 500", "  cox state r-1 --at-step 0      (its start values)",
                "  cox state r-1 --at-step 500 --json | jq .parameters.learning_rate",
                "", "Exit: 0 printed, 2 a negative step, 5 unknown run (close matches suggested), 6 the ledger is",
                "unreachable."})
public final class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run.")
    String runId;

    @Option(names = "--at-step", required = true, paramLabel = "N", description = "The step (0: before the first).")
    long step;

    @Option(names = "--json", description = "Print the state as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (step < 0) {
            throw new CliException(ExitCodes.USAGE, "--at-step must be 0 or more, got " + step);
        }
        String jdbc = connection.jdbc();
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        Optional<RunStateAt> state;
        try {
            state = ledger.stateAt(runId, step);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc) + ": "
                    + e.getMessage(), e);
        }
        if (state.isEmpty()) {
            List<String> similar = ledger.similarRunIds(runId, 5);
            throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "' (no RunStarted in the ledger)"
                    + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                    + String.join(", ", similar) + "?"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(state.get()));
        } else {
            print(state.get(), out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(RunStateAt state, PrintWriter out) {
        out.println("run " + state.runId() + " at the end of step " + state.step());
        if (state.stepEvent() != null) {
            out.println("  step: loss " + state.stepEvent().path("loss").asText() + ", learning rate in effect "
                    + state.stepEvent().path("learningRate").asText() + ", epoch "
                    + state.stepEvent().path("epoch").asText());
        }
        out.println("  parameters:");
        state.parameters().forEach((name, p) -> out.println("    " + name + " = " + p.value()
                + (p.setAtStep() == null ? "  (start value)"
                : "  (set at step " + p.setAtStep() + " by " + p.source() + ", command " + p.commandId() + ")")));
        out.println("  config: " + state.config());
    }
}
