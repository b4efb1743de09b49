package io.coxswain.agent.control;

import io.coxswain.protocol.signing.SigningKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How a command feed admits its run's records.
 *
 * @param signingKey with a key, only commands signed with it are delivered as {@link IncomingCommand.Received};
 *                   without, signatures are not checked
 */
public record CommandFeedOptions(Optional<SigningKey> signingKey) {
    public static final CommandFeedOptions UNSIGNED = new CommandFeedOptions(Optional.empty());

    public CommandFeedOptions {
        Objects.requireNonNull(signingKey, "signingKey");
    }

    public static CommandFeedOptions signedWith(SigningKey key) {
        return new CommandFeedOptions(Optional.of(key));
    }
}
