package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.kafka.KafkaUnreachableException;
import io.coxswain.agent.kafka.MissingTopicsException;
import io.coxswain.agent.replay.InvalidScheduleException;
import io.coxswain.agent.replay.LoadedSchedule;
import io.coxswain.agent.replay.ScheduleCheck;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.agent.resume.ResumeException;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.KafkaReachability;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train with trainer agents: events to Kafka, commands obeyed between steps.",
        footer = {"", "Examples:", "  cox train --run-id r-1 --experiment exp-1 --steps 5000 --seed 7",
                "  cox train --run-id r-3 --experiment exp-1 --tag pbt --tag lr-sweep",
                "  cox train --config run.yaml --lr 3e-4 --set 'data_sources={clean: 3, noisy: 1}'",
                "  cox train --run-id r-2 --workload cnn-shapes --epochs 2 --save-strategy epoch --save-total-limit 2",
                "  cox train --run-id r-2 --resume        (continue from its latest checkpoint)",
                "  cox recipe r-1 > schedule.yaml && cox train --run-id r-5 --steps 5000 --schedule schedule.yaml",
                "  cox train --run-id sweep --runs 4      (runs sweep-1..sweep-4, seeds 42..45, one JVM)",
                "", "Exit: 0 completed or stopped by a command/rule, 2 invalid configuration or schedule (every"
                + " problem listed) or nothing to resume, 6 Kafka unreachable or topics missing, 7 the run to resume"
                + " already finished, 8 a run failed.",
                "Ctrl-C stops the runs gracefully (final checkpoint, RunFinished stopped)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TrainOptions options;

    @Option(names = "--runs", defaultValue = "1", description = "Runs to train side by side in this JVM: ids "
            + "<run-id>-1..<run-id>-N, seeds seed..seed+N-1 (default ${DEFAULT-VALUE}).")
    int runs;

    private TerminalBar bar = TerminalBar.open(false, null, null, 0, null);
    private FleetProgress progress = new FleetProgress(bar);

    @Override
    public Integer call() {
        long processStart = System.nanoTime()
                - TimeUnit.MILLISECONDS.toNanos(ManagementFactory.getRuntimeMXBean().getUptime());
        PrintWriter out = spec.commandLine().getOut();
        if (runs < 1 || runs > 64) {
            throw new CliException(ExitCodes.USAGE, "--runs must be between 1 and 64, got " + runs);
        }
        CommandFeedOptions feed = options.signingKey(connection.home()).map(CommandFeedOptions::signedWith)
                .orElse(CommandFeedOptions.UNSIGNED);
        List<TrainerAgent> agents = new ArrayList<>();
        try {
            if (options.resume()) {
                if (runs != 1) {
                    throw new CliException(ExitCodes.USAGE, "--resume continues one run; leave out --runs");
                }
                KafkaReachability.require(connection.bootstrap(), Duration.ofSeconds(5));
                openBar(options.resumeRunId());
                agents.add(resume(options.resumeRunId(), feed, out, processStart));
            } else {
                TrainingConfig config = options.config(connection.home().resolve("checkpoints"));
                Optional<LoadedSchedule> schedule = options.schedule();
                List<TrainingConfig> all = configs(config);
                schedule.ifPresent(loaded -> all.forEach(one -> requireFits(loaded, one)));
                ScheduledChanges scheduled = schedule.map(loaded -> ScheduledChanges.fromFile(
                        options.scheduleFile().getFileName().toString(), loaded.schedule()))
                        .orElse(ScheduledChanges.NONE);
                KafkaReachability.require(connection.bootstrap(), Duration.ofSeconds(5));
                openBar(runs == 1 ? config.runId() : runs + " runs");
                for (TrainingConfig one : all) {
                    agents.add(connect(one, feed, out, processStart, scheduled));
                }
            }
            return runAll(agents, out);
        } finally {
            bar.close();
            agents.forEach(TrainerAgent::close);
        }
    }

    /** On a terminal, one bar on stderr for every run's steps together (in place of the periodic step lines). */
    private void openBar(String what) {
        bar = TerminalBar.open(TerminalBar.wanted(), spec.commandLine().getErr(), "Training " + what, 1, "steps");
        progress = new FleetProgress(bar);
    }

    private EventListener printer(PrintWriter out, String runId) {
        return progress.listener(new ProgressPrinter(out, runId + ": ", bar.drawn()));
    }

    private List<TrainingConfig> configs(TrainingConfig config) {
        if (runs == 1) {
            return List.of(config);
        }
        List<TrainingConfig> all = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            all.add(config.toBuilder().runId(config.runId() + "-" + i).seed(config.seed() + i - 1).build());
        }
        return all;
    }

    private int runAll(List<TrainerAgent> agents, PrintWriter out) {
        List<RunOutcome> outcomes = AgentRunner.runAll(agents, out);
        bar.close();
        boolean anyFailed = false;
        for (int i = 0; i < agents.size(); i++) {
            RunOutcome outcome = outcomes.get(i);
            if (outcome.failed()) {
                anyFailed = true;
                spec.commandLine().getErr().println("cox: run " + agents.get(i).config().runId() + " failed: "
                        + outcome.detail());
            }
        }
        return anyFailed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    /** A schedule that does not fit a run is a usage error listing every problem, before anything trains. */
    static void requireFits(LoadedSchedule schedule, TrainingConfig config) {
        try {
            ScheduleCheck.require(schedule, config);
        } catch (InvalidScheduleException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private TrainerAgent connect(TrainingConfig config, CommandFeedOptions feed, PrintWriter out, long started,
                                 ScheduledChanges scheduled) {
        try {
            return TrainerAgent.connect(config, connection.bootstrap(),
                    printer(out, config.runId()), feed, started, scheduled);
        } catch (KafkaUnreachableException | MissingTopicsException e) {
            throw new CliException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        }
    }

    private TrainerAgent resume(String runId, CommandFeedOptions feed, PrintWriter out, long started) {
        Path checkpoints = connection.home().resolve("checkpoints");
        try {
            return TrainerAgent.resume(checkpoints, runId, connection.bootstrap(),
                    printer(out, runId), feed, started);
        } catch (KafkaUnreachableException | MissingTopicsException e) {
            throw new CliException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        } catch (ResumeException e) {
            throw new CliException(e.getMessage().contains("already finished") ? ExitCodes.RUN_FINISHED
                    : ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
