package io.coxswain.cli.commands;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A training run's settings as {@code cox train} flags; validated by {@link TrainingConfig}. */
public final class TrainOptions {
    @Option(names = "--run-id", required = true, description = "Run id (the Kafka key of all its records).")
    String runId;

    @Option(names = "--experiment", defaultValue = TrainingConfig.DEFAULT_EXPERIMENT,
            description = "Experiment (cohort) id (default ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--workload", defaultValue = TrainingConfig.DEFAULT_WORKLOAD,
            description = "Workload (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps to run (default ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.001",
            description = "Initial learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--logging-steps", defaultValue = "10", description = "Logging interval (default ${DEFAULT-VALUE}).")
    int loggingSteps;

    @Option(names = "--eval-steps", defaultValue = "100", description = "Evaluation interval (default ${DEFAULT-VALUE}).")
    int evalSteps;

    public TrainingConfig config(Path checkpointDir) {
        Optimizer opt = Optimizer.fromWire(optimizer).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--optimizer '" + optimizer + "' is not one of " + Optimizer.names()));
        return TrainingConfig.builder(runId).experimentId(experiment).workload(workload).maxSteps(steps).seed(seed)
                .batchSize(batchSize).learningRate(learningRate).optimizer(opt).loggingSteps(loggingSteps)
                .evalSteps(evalSteps).checkpointDir(checkpointDir).build();
    }
}
