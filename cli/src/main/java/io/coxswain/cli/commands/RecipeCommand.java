package io.coxswain.cli.commands;

import io.coxswain.agent.replay.ScheduleYaml;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.replay.RecipeQuery;
import io.coxswain.ledger.replay.RunRecipe;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox recipe RUN}: the schedule of the commands a run applied, at their steps, as YAML for --schedule. */
@Command(name = "recipe", mixinStandardHelpOptions = true,
        description = "Print a run's control schedule from the ledger: every command it applied (changes, triggers, "
                + "checkpoint loads), at the step it applied it, with who sent it. Rejected and ignored commands are "
                + "left out. `cox train --schedule FILE` applies it to a new run.",
        footer = {"", "Examples:", "  cox recipe r-1 > schedule.yaml",
                "  cox train --run-id r-1-long --steps 5000 --schedule schedule.yaml",
                "", "Exit: 0 printed, 5 unknown run, 6 the ledger is unreachable."})
public final class RecipeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run.")
    String runId;

    @Option(names = "--json", description = "Print the schedule as one JSON object (the same fields).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String jdbc = connection.jdbc();
        RunRecipe recipe = RunCheck.read(jdbc, () -> RecipeQuery.connect(jdbc).recipe(runId))
                .orElseThrow(() -> RunCheck.unknownRun(jdbc, runId));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(ScheduleYaml.toTree(recipe.schedule())));
        } else {
            out.println("# control schedule of run " + recipe.runId() + " (" + recipe.workload() + ", seed "
                    + recipe.seed() + ", " + recipe.plannedSteps() + " steps planned, " + ended(recipe) + "): "
                    + recipe.schedule().entries().size() + " entries");
            out.print(ScheduleYaml.write(recipe.schedule()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String ended(RunRecipe recipe) {
        return recipe.finished() == null ? "no end recorded yet, at step " + recipe.lastStep()
                : recipe.finished().reason() + " at step " + recipe.lastStep();
    }
}
