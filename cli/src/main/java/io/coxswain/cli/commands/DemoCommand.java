package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.events.EventListener;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.stack.EmbeddedStack;
import io.coxswain.cli.stack.Home;
import io.coxswain.cli.stack.StackFile;
import io.coxswain.ledger.query.LedgerQueries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cox demo}: the embedded stack and two real runs — one stopped by the loss-plateau rule, one steered by
 * commands the demo sends (a rejected value, then a learning-rate change) — then a summary read back from the ledger.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded stack and two runs: one stopped by a rule, one steered by commands.",
        footer = {"", "Examples:", "  cox demo", "  cox demo --keep        # leave the stack up afterwards (Ctrl-C stops it)",
                "  cox demo --home /tmp/cox-demo"})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--home", description = "Data directory (default: $COX_HOME or ~/.coxswain).")
    Path home;

    @Option(names = "--keep", description = "Keep the stack running after the demo, until Ctrl-C.")
    boolean keep;

    @Option(names = "--web-port", defaultValue = "0", description = "Web UI port (default: any free port).")
    int webPort;

    @Option(names = "--rule-run-steps", defaultValue = "4000",
            description = "Planned steps of the run the rule watches (default ${DEFAULT-VALUE}).")
    long ruleRunSteps;

    @Option(names = "--command-run-steps", defaultValue = "600",
            description = "Planned steps of the run steered by commands (default ${DEFAULT-VALUE}).")
    long commandRunSteps;

    @Mixin
    PlateauOptions plateau;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Home.resolve(home);
        out.println("Starting the embedded stack in " + dir + " ...");
        out.flush();
        EmbeddedStack stack = UpCommand.startStack(dir, webPort, plateau, java.util.List.of(), out);
        List<TrainerAgent> agents = new CopyOnWriteArrayList<>();
        Thread onSignal = new Thread(() -> {
            agents.forEach(agent -> agent.requestStop("demo interrupted (Ctrl-C)"));
            stack.close();
            StackFile.delete(dir);
        }, "cox-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            stack.describe().write(dir);
            DemoRuns runs = play(stack, agents, out);
            new DemoSummary(LedgerQueries.connect(stack.jdbc()), out).print(runs);
            if (keep) {
                out.println("The stack stays up: web UI " + stack.webUrl() + ", Kafka " + stack.bootstrap()
                        + ". Ctrl-C stops it.");
                out.flush();
                new CountDownLatch(1).await();
            }
        } finally {
            if (removeHook(onSignal)) {
                stack.close();
                StackFile.delete(dir);
            }
        }
        return ExitCodes.OK;
    }

    /** False while the JVM shuts down: the hook is then running and closes the stack itself. */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shutdownInProgress) {
            return false;
        }
    }

    private DemoRuns play(EmbeddedStack stack, List<TrainerAgent> agents, PrintWriter out) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path checkpoints = stack.home().resolve("checkpoints");
        TrainingConfig ruleRun = TrainingConfig.builder("demo-" + stamp + "-rule").experimentId("demo-" + stamp)
                .maxSteps(ruleRunSteps).seed(7).learningRate(0.01).checkpointDir(checkpoints).build();
        TrainingConfig commandRun = TrainingConfig.builder("demo-" + stamp + "-command").experimentId("demo-" + stamp)
                .maxSteps(commandRunSteps).seed(11).learningRate(0.05).checkpointDir(checkpoints).build();
        out.println();
        out.println("Run " + ruleRun.runId() + ": " + ruleRun.maxSteps()
                + " steps planned; rule loss_plateau will stop it once its loss stops improving.");
        out.println("Run " + commandRun.runId() + ": starts with learning rate " + commandRun.learningRate()
                + "; the demo will steer it with commands.");
        out.flush();
        DemoSteering steering = new DemoSteering(stack.bootstrap(), commandRun.runId(), out);
        TrainerAgent rule = connect(ruleRun, stack.bootstrap(), new ProgressPrinter(out, "  [rule]    "), agents);
        TrainerAgent command = connect(commandRun, stack.bootstrap(),
                steering.listener(new ProgressPrinter(out, "  [command] ")), agents);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        try {
            Future<RunOutcome> ruleOutcome = pool.submit(rule::run);
            Future<RunOutcome> commandOutcome = pool.submit(command::run);
            Future<?> steer = pool.submit(steering);
            DemoRuns runs = new DemoRuns(List.of(
                    new DemoRuns.Run(ruleRun.runId(), "rule", outcome(ruleRun, ruleOutcome, deadline, agents)),
                    new DemoRuns.Run(commandRun.runId(), "command",
                            outcome(commandRun, commandOutcome, deadline, agents))));
            steering.runEnded();
            steer.get(30, TimeUnit.SECONDS);
            return runs;
        } finally {
            pool.shutdownNow();
            agents.forEach(TrainerAgent::close);
        }
    }

    private static TrainerAgent connect(TrainingConfig config, String bootstrap, EventListener listener,
                                        List<TrainerAgent> agents) {
        TrainerAgent agent = TrainerAgent.connect(config, bootstrap, listener);
        agents.add(agent);
        return agent;
    }

    /** Waits for a run's outcome until the shared deadline; a failed or stuck run fails the demo with exit 8. */
    private static RunOutcome outcome(TrainingConfig config, Future<RunOutcome> future, long deadline,
                                      List<TrainerAgent> agents) throws InterruptedException {
        RunOutcome outcome;
        try {
            outcome = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            agents.forEach(agent -> agent.requestStop("demo time limit"));
            throw new CliException(ExitCodes.RUN_FAILED, "demo run " + config.runId() + " did not finish within "
                    + RUN_LIMIT.toMinutes() + " min; both runs were asked to stop", e);
        } catch (ExecutionException e) {
            throw new CliException(ExitCodes.RUN_FAILED, "demo run " + config.runId() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (outcome.failed()) {
            throw new CliException(ExitCodes.RUN_FAILED, "demo run " + config.runId() + " failed: "
                    + outcome.detail(), outcome.failure());
        }
        return outcome;
    }
}
