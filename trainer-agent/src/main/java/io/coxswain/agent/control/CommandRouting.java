package io.coxswain.agent.control;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.topics.Topics;
import java.util.Optional;

/**
 * Decides which records of the run's control partition belong to the run. Other runs share the partition: their
 * records (keyed by their own run id) are skipped silently. Every record of this run becomes an answerable
 * {@link IncomingCommand}, including one whose body cannot be decoded or names another run.
 */
public final class CommandRouting {

    private CommandRouting() {
    }

    public static Optional<IncomingCommand> route(String runId, String key, byte[] value, long offset) {
        if (key != null && !key.equals(runId)) {
            return Optional.empty();
        }
        Decoded<ControlCommand> decoded = Topics.CONTROL.codec().decode(value);
        if (decoded instanceof Decoded.Failure<ControlCommand> failure) {
            if (key == null) {
                return runId.equals(failure.runId())
                        ? Optional.of(new IncomingCommand.Unreadable(missingKey(runId) + "; " + failure.reason(),
                        failure.id(), offset))
                        : Optional.empty();
            }
            return Optional.of(new IncomingCommand.Unreadable(failure.reason(), failure.id(), offset));
        }
        ControlCommand command = ((Decoded.Ok<ControlCommand>) decoded).value();
        if (key == null) {
            return runId.equals(command.runId())
                    ? Optional.of(new IncomingCommand.Unreadable(missingKey(runId), command.commandId(), offset))
                    : Optional.empty();
        }
        if (!key.equals(command.runId())) {
            return Optional.of(new IncomingCommand.Unreadable("body runId '" + command.runId()
                    + "' differs from the record key '" + key + "'", command.commandId(), offset));
        }
        return Optional.of(new IncomingCommand.Received(command, offset));
    }

    private static String missingKey(String runId) {
        return "the record has no key: commands must be keyed by their run id ('" + runId + "')";
    }
}
