package io.coxswain.cli;

import io.coxswain.cli.stack.Home;
import io.coxswain.cli.stack.StackFile;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command finds the stack: {@code --bootstrap}/{@code --jdbc}, else {@code COX_KAFKA}/{@code COX_JDBC}, else
 * {@code <home>/stack.json} written by {@code cox up}.
 */
public class ConnectionOptions {
    @Option(names = "--home", description = "Stack home (default: $COX_HOME or ~/.coxswain).")
    Path home;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $COX_KAFKA or stack.json).")
    String bootstrap;

    @Option(names = "--jdbc", description = "Ledger JDBC URL (default: $COX_JDBC or stack.json).")
    String jdbc;

    public Path home() {
        return Home.resolve(home);
    }

    public String bootstrap() {
        return pick(bootstrap, "COX_KAFKA", StackFile::bootstrap, "--bootstrap");
    }

    /** The bootstrap address when a flag, the environment or stack.json gives one; empty otherwise. */
    public Optional<String> bootstrapIfKnown() {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return Optional.of(bootstrap);
        }
        String fromEnv = System.getenv("COX_KAFKA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return StackFile.read(home()).map(StackFile::bootstrap);
    }

    public String jdbc() {
        return pick(jdbc, "COX_JDBC", StackFile::jdbc, "--jdbc");
    }

    /** The ledger's JDBC URL when one is configured (flag, environment or stack file), else empty. */
    public Optional<String> jdbcIfConfigured() {
        return Optional.ofNullable(find(jdbc, "COX_JDBC", StackFile::jdbc));
    }

    private String pick(String flag, String env, java.util.function.Function<StackFile, String> fromStack,
                        String option) {
        String found = find(flag, env, fromStack);
        if (found != null) {
            return found;
        }
        throw new CliException(ExitCodes.UNREACHABLE, "no stack found: no " + home().resolve(StackFile.NAME)
                + ", no $" + env + " and no " + option + ". Start one with `cox up` or pass " + option + ".");
    }

    private String find(String flag, String env, java.util.function.Function<StackFile, String> fromStack) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Optional<StackFile> stack = StackFile.read(home());
        if (stack.isPresent() && fromStack.apply(stack.get()) != null) {
            return fromStack.apply(stack.get());
        }
        return null;
    }
}
