package io.coxswain.agent.control;

import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SigningKey;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a record of the control partition into what the run sees: {@link CommandRouting} decides whether it is the
 * run's, then, if the run has a signing key, its signature is checked. A record of this run without a valid
 * signature becomes {@link IncomingCommand.Unreadable} naming the problem, with the command id if the value decodes.
 * Other runs' records are never checked: they may use other keys.
 */
public final class CommandAdmission {

    private CommandAdmission() {
    }

    public static Optional<IncomingCommand> admit(String runId, CommandFeedOptions options, String key, byte[] value,
                                                  Headers headers, long offset) {
        Optional<IncomingCommand> routed = CommandRouting.route(runId, key, value, offset);
        if (routed.isEmpty() || options.signingKey().isEmpty()) {
            return routed;
        }
        SigningKey signingKey = options.signingKey().get();
        return Optional.of(CommandSignature.verify(signingKey, value, headers).problem()
                .<IncomingCommand>map(problem -> new IncomingCommand.Unreadable(problem, commandId(routed.get()),
                        offset))
                .orElse(routed.get()));
    }

    private static String commandId(IncomingCommand incoming) {
        return incoming instanceof IncomingCommand.Received received
                ? received.command().commandId()
                : ((IncomingCommand.Unreadable) incoming).commandId();
    }
}
