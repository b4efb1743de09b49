package io.coxswain.cli.commands;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.SigningKeyLocation;
import io.coxswain.protocol.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
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

    @Option(names = SigningKeyLocation.OPTION, paramLabel = "FILE",
            description = "Obey only commands signed with the HMAC key in FILE (default: $" + SigningKeyLocation.ENV
                    + " or signingKeyFile in stack.json; none: signatures are not checked).")
    Path signingKeyFile;

    /**
     * The key the run checks command signatures with: {@code --signing-key-file}, else {@code $COX_SIGNING_KEY_FILE},
     * else {@code signingKeyFile} in {@code <home>/stack.json}; empty when none is set. A named file that is missing,
     * unreadable or shorter than 16 bytes is a usage error.
     */
    public Optional<SigningKey> signingKey(Path home) {
        return SigningKeyLocation.signingKey(signingKeyFile, System::getenv, home);
    }

    public TrainingConfig config(Path checkpointDir) {
        Optimizer opt = Optimizer.fromWire(optimizer).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--optimizer '" + optimizer + "' is not one of " + Optimizer.names()));
        return TrainingConfig.builder(runId).experimentId(experiment).workload(workload).maxSteps(steps).seed(seed)
                .batchSize(batchSize).learningRate(learningRate).optimizer(opt).loggingSteps(loggingSteps)
                .evalSteps(evalSteps).checkpointDir(checkpointDir).build();
    }
}
