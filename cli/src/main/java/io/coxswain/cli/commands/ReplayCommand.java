package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.ConfigJson;
import io.coxswain.agent.config.InvalidConfigException;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.kafka.KafkaUnreachableException;
import io.coxswain.agent.kafka.MissingTopicsException;
import io.coxswain.agent.replay.LoadedSchedule;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.SigningKeyLocation;
import io.coxswain.cli.control.KafkaReachability;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.replay.LossComparison;
import io.coxswain.ledger.replay.RecipeQuery;
import io.coxswain.ledger.replay.RunRecipe;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.schedule.ControlSchedule;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cox replay RUN}: re-executes a run from the ledger (its configuration, seed, workload and the commands it
 * applied, at their steps) as a new run in this process, then compares the two loss sequences bit for bit.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-execute a run: a new run with its configuration, seed and workload that applies every "
                + "command the original applied at the step it applied it (source kind replay; commands from rules "
                + "are refused, people's are obeyed), trained here and published to Kafka like `cox train`; then "
                + "compare its losses with the original's in the ledger. On CPU with the same seed they match exactly.",
        footer = {"", "Examples:", "  cox replay r-1                 (as r-1-replay-1, or the next free number)",
                "  cox replay r-1 --as r-1-again --json",
                "  cox replay r-1 --seed 8        (another seed: how much does the run depend on it?)",
                "", "Exit: 0 the losses matched exactly, 10 they differ (the first difference is printed), 2 the"
                + " original's configuration or schedule does not load here, 5 unknown run, 6 Kafka or PostgreSQL"
                + " unreachable, 8 the replay failed."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run to re-execute.")
    String runId;

    @Option(names = "--as", paramLabel = "NEWRUN", description = "The replay's run id (default: RUN-replay-N, the "
            + "first N not in the ledger).")
    String newRunId;

    @Option(names = "--seed", description = "Replay with this seed instead of the original's.")
    Long seed;

    @Option(names = "--json", description = "Print the result as one JSON object (progress goes to stderr).")
    boolean json;

    @Option(names = SigningKeyLocation.OPTION, paramLabel = "FILE", description = "Obey only people's commands "
            + "signed with the HMAC key in FILE (default: $" + SigningKeyLocation.ENV + " or stack.json).")
    Path signingKeyFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        String jdbc = connection.jdbc();
        RecipeQuery ledger = RecipeQuery.connect(jdbc);
        RunRecipe recipe = RunCheck.read(jdbc, () -> ledger.recipe(runId))
                .orElseThrow(() -> RunCheck.unknownRun(jdbc, runId));
        KafkaReachability.require(connection.bootstrap(), Duration.ofSeconds(5));
        String replayId = replayId(jdbc);
        TrainingConfig config = config(recipe, replayId);
        ControlSchedule schedule = recipe.replaySchedule();
        TrainCommand.requireFits(LoadedSchedule.of("of run " + runId, schedule), config);

        progress.println("replaying run " + runId + " as " + replayId + ": " + config.workload() + ", seed "
                + config.seed() + (seed == null ? "" : " (the original's was " + recipe.seed() + ")") + ", "
                + schedule.entries().size() + " schedule entries");
        if (recipe.addedStopReason() != null) {
            progress.println("note: " + recipe.addedStopReason());
        }
        progress.flush();
        SortedMap<Long, Double> losses = new ConcurrentSkipListMap<>();
        RunOutcome outcome;
        try (TerminalBar bar = TerminalBar.open(TerminalBar.wanted(), spec.commandLine().getErr(),
                "Replaying " + runId, recipe.plannedSteps(), "steps")) {
            ProgressPrinter printer = new ProgressPrinter(progress, replayId + ": ", bar.drawn());
            try (TrainerAgent agent = connect(config, schedule, event -> {
                printer.onEvent(event);
                if (event.event() instanceof StepCompleted step) {
                    losses.putIfAbsent(event.step(), step.loss());
                    bar.stepTo(event.step());
                }
            })) {
                outcome = AgentRunner.runAll(List.of(agent), progress).get(0);
            }
        }
        if (outcome.failed()) {
            throw new CliException(ExitCodes.RUN_FAILED, "replay " + replayId + " failed: " + outcome.detail());
        }
        LossComparison comparison = LossComparison.of(RunCheck.read(jdbc, () -> ledger.losses(runId)), losses);
        report(out, recipe, replayId, config, schedule, outcome, comparison);
        return comparison.matched() ? ExitCodes.OK : ExitCodes.REPLAY_MISMATCH;
    }

    /** --as, refused when the ledger has it; else RUN-replay-N with the first N that neither ledger nor disk has. */
    private String replayId(String jdbc) {
        LedgerQueries runs = LedgerQueries.connect(jdbc);
        if (newRunId != null) {
            if (RunCheck.read(jdbc, () -> runs.run(newRunId)).isPresent()) {
                throw new CliException(ExitCodes.USAGE, "run '" + newRunId + "' is already in the ledger; --as names"
                        + " a new run");
            }
            return newRunId;
        }
        for (int n = 1; ; n++) {
            String candidate = runId + "-replay-" + n;
            if (RunCheck.read(jdbc, () -> runs.run(candidate)).isEmpty()
                    && !Files.exists(checkpoints().resolve(candidate))) {
                return candidate;
            }
        }
    }

    private Path checkpoints() {
        return connection.home().resolve("checkpoints");
    }

    /** The original's configuration as its first RunStarted recorded it, as the new run, checkpointing here. */
    private TrainingConfig config(RunRecipe recipe, String replayId) {
        ObjectNode node = recipe.config().deepCopy();
        node.put("run_id", replayId);
        node.put("checkpoint_dir", checkpoints().toString());
        if (seed != null) {
            node.put("seed", seed);
        }
        try {
            return ConfigJson.read(node);
        } catch (InvalidConfigException e) {
            throw new CliException(ExitCodes.USAGE, "the configuration of run " + runId + " does not load here: "
                    + e.getMessage(), e);
        }
    }

    private TrainerAgent connect(TrainingConfig config, ControlSchedule schedule,
                                 EventListener listener) {
        CommandFeedOptions feed = SigningKeyLocation.signingKey(signingKeyFile, System::getenv, connection.home())
                .map(CommandFeedOptions::signedWith).orElse(CommandFeedOptions.UNSIGNED);
        try {
            return TrainerAgent.connect(config, connection.bootstrap(), listener, feed, System.nanoTime(),
                    ScheduledChanges.replayOf(runId, schedule));
        } catch (KafkaUnreachableException | MissingTopicsException e) {
            throw new CliException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        }
    }

    private void report(PrintWriter out, RunRecipe recipe, String replayId, TrainingConfig config,
                        ControlSchedule schedule, RunOutcome outcome, LossComparison comparison) throws Exception {
        if (json) {
            ObjectNode result = Json.mapper().createObjectNode();
            result.put("run", runId).put("replay", replayId).put("seed", config.seed())
                    .put("originalSeed", recipe.seed()).put("scheduleEntries", schedule.entries().size())
                    .put("finished", outcome.reason()).put("stepsDone", outcome.stepsDone())
                    .put("matched", comparison.matched()).put("stepsMatched", comparison.stepsMatched());
            if (!comparison.matched()) {
                result.put("differsAt", comparison.differsAt());
                result.set("originalLoss", Json.mapper().valueToTree(comparison.original()));
                result.set("replayLoss", Json.mapper().valueToTree(comparison.replay()));
            }
            result.put("summary", comparison.describe());
            out.println(Json.mapper().writeValueAsString(result));
        } else {
            out.println("replay " + replayId + " " + outcome.reason() + " at step " + outcome.stepsDone() + "; "
                    + comparison.describe());
        }
        out.flush();
    }
}
