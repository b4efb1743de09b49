package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        UpCommand.requireNoLiveStack(dir);
        out.println("Starting the embedded stack in " + dir + " ...");
        out.flush();
        try (EmbeddedStack stack = EmbeddedStack.start(dir, webPort, plateau.config(), line -> {
            out.println("  " + line);
            out.flush();
        })) {
            stack.describe().write(dir);
            try {
                DemoRuns runs = play(stack, out);
                new DemoSummary(LedgerQueries.connect(stack.jdbc()), out).print(runs);
                if (keep) {
                    out.println("The stack stays up: web UI " + stack.webUrl() + ", Kafka " + stack.bootstrap()
                            + ". Ctrl-C stops it.");
                    out.flush();
                    waitForSignal();
                }
            } finally {
                StackFile.delete(dir);
            }
        }
        return ExitCodes.OK;
    }

    private DemoRuns play(EmbeddedStack stack, PrintWriter out) throws Exception {
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
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<RunOutcome> rule = pool.submit(() -> train(ruleRun, stack.bootstrap(),
                    new ProgressPrinter(out, "  [rule]    ")));
            Future<RunOutcome> command = pool.submit(() -> train(commandRun, stack.bootstrap(),
                    steering.listener(new ProgressPrinter(out, "  [command] "))));
            Future<?> steer = pool.submit(steering);
            RunOutcome ruleOutcome = rule.get(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES);
            RunOutcome commandOutcome = command.get(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES);
            steering.runEnded();
            steer.get(30, TimeUnit.SECONDS);
            return new DemoRuns(List.of(new DemoRuns.Run(ruleRun.runId(), "rule", ruleOutcome),
                    new DemoRuns.Run(commandRun.runId(), "command", commandOutcome)));
        } finally {
            pool.shutdownNow();
        }
    }

    private static RunOutcome train(TrainingConfig config, String bootstrap, io.coxswain.agent.events.EventListener l) {
        try (TrainerAgent agent = TrainerAgent.connect(config, bootstrap, l)) {
            RunOutcome outcome = agent.run();
            if (outcome.failed()) {
                throw new CliException(ExitCodes.RUN_FAILED, "demo run " + config.runId() + " failed: "
                        + outcome.detail(), outcome.failure());
            }
            return outcome;
        }
    }

    private static void waitForSignal() throws InterruptedException {
        CountDownLatch signal = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(signal::countDown, "cox-demo-keep"));
        signal.await();
    }
}
