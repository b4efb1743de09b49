package io.coxswain.cli.commands;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.kafka.KafkaUnreachableException;
import io.coxswain.agent.kafka.MissingTopicsException;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox train}: one real DL4J run, publishing its events and obeying commands until it ends. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one run with a trainer agent: events to Kafka, commands obeyed between steps.",
        footer = {"", "Examples:", "  cox train --run-id r-1 --experiment exp-1 --steps 5000 --seed 7",
                "  cox train --run-id r-2 --steps 2000 --lr 0.01 --bootstrap 127.0.0.1:9092",
                "", "Exit: 0 completed or stopped by a command/rule, 6 Kafka unreachable or topics missing, 8 the run failed.",
                "Ctrl-C stops the run gracefully (final checkpoint, RunFinished stopped)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TrainingConfig config = options.config(connection.home().resolve("checkpoints"));
        String bootstrap = connection.bootstrap();
        try (TrainerAgent agent = connect(config, bootstrap, out)) {
            CountDownLatch finished = new CountDownLatch(1);
            Thread stopOnSignal = new Thread(() -> {
                agent.requestStop("interrupted (Ctrl-C)");
                awaitQuietly(finished);
            }, "cox-train-stop");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            RunOutcome outcome;
            try {
                outcome = agent.run();
            } finally {
                finished.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                out.println(config.runId() + ": stopped by signal");
            }
            if (outcome.failed()) {
                spec.commandLine().getErr().println("cox: run " + config.runId() + " failed: " + outcome.detail());
                return ExitCodes.RUN_FAILED;
            }
            return ExitCodes.OK;
        }
    }

    private static TrainerAgent connect(TrainingConfig config, String bootstrap, PrintWriter out) {
        try {
            return TrainerAgent.connect(config, bootstrap, new ProgressPrinter(out, config.runId() + ": "));
        } catch (KafkaUnreachableException | MissingTopicsException e) {
            throw new CliException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        }
    }

    /** Lets a graceful stop finish (final checkpoint, RunFinished) before the JVM exits, for at most 30 s. */
    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
