package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.SigningOptions;
import io.coxswain.cli.control.Answer;
import io.coxswain.cli.control.CommandClient;
import io.coxswain.cli.control.KafkaReachability;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.signing.SigningKey;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Shared by {@code cox set} and {@code cox trigger}: check the run, send one command, print the agent's answer. */
abstract class CommandSender implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    SigningOptions signing;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the agent's answer (e.g. 10s, 1m; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--reason", description = "Why: recorded in the ledger with the change.")
    String reason;

    @Option(names = "--author", description = "Who: recorded in the ledger (default: $USER).")
    String author;

    @Option(names = "--json", description = "Print the answer events as JSON lines.")
    boolean json;

    abstract List<Action> actions();

    @Override
    public Integer call() {
        List<Action> actions = actions();
        Optional<SigningKey> signingKey = signing.signingKey(connection.home());
        String bootstrap = connection.bootstrap();
        RunCheck.requireActive(connection.jdbc(), runId);
        KafkaReachability.require(bootstrap, Duration.ofSeconds(5));
        ControlCommand command = new ControlCommand("cli-" + UUID.randomUUID(), runId, Instant.now(),
                CommandSource.user(author != null ? author : System.getProperty("user.name", "unknown")),
                actions, reason);
        Answer answer;
        try (CommandClient client = new CommandClient(bootstrap, signingKey)) {
            answer = client.send(command, timeout);
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.NO_ANSWER) {
                RunCheck.requireNotFinishedNow(connection.jdbc(), runId);
            }
            throw e;
        }
        print(answer);
        return answer.outcome() == Answer.Outcome.REJECTED ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    private void print(Answer answer) {
        PrintWriter out = spec.commandLine().getOut();
        EventCodec codec = new EventCodec();
        for (EventEnvelope e : answer.events()) {
            if (json) {
                out.println(codec.encodeToString(e));
            } else if (e.event() instanceof ParameterChanged c) {
                out.printf("applied at step %d: %s %s -> %s%n", e.step(), c.param(), c.oldValue(), c.newValue());
            } else if (e.event() instanceof TriggerFired t) {
                out.printf("fired at step %d: %s%n", e.step(), t.name());
            } else if (e.event() instanceof CommandRejected r) {
                spec.commandLine().getErr().printf("rejected by run %s: %s%n", runId, r.reason());
            } else {
                out.printf("ignored (%s): nothing changed%n", answer.detail());
            }
        }
        out.flush();
    }

    /** Parses {@code v} as a JSON literal (0.01, 32, true, NaN, "text"); anything else is sent as a string. */
    static com.fasterxml.jackson.databind.JsonNode literal(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(text);
        }
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
