package io.coxswain.agent.control;

import io.coxswain.protocol.commands.ControlCommand;

/** A record of this run from the control feed: a command, or something that could not be read as one. */
public sealed interface IncomingCommand {

    /** Where the record sits in the feed (the Kafka offset), or -1 where the feed has no positions. */
    long offset();

    record Received(ControlCommand command, long offset) implements IncomingCommand {
    }

    /**
     * @param reason    what is wrong, as the decoder or the routing check said it
     * @param commandId the command id if it could be read, else null
     */
    record Unreadable(String reason, String commandId, long offset) implements IncomingCommand {
    }
}
