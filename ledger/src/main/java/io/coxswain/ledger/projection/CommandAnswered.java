package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.Optional;

/**
 * An answer stored now: the answering side of its command's {@code commands} row. Of all the answers of a command,
 * the row keeps the one that goes furthest ({@link #APPLIED} over {@link #REJECTED} over {@link #IGNORED}), the
 * earliest of those, so the row ends the same whatever order the answers and the command arrive in.
 *
 * @param detail the rejection's reason, or why it was ignored ({@code duplicate}, {@code no-op}); null when applied
 * @param source the answer's copy of the command's source, used until the command itself is stored
 */
public record CommandAnswered(String commandId, String runId, String eventId, String outcome, String detail,
                              Instant answeredAt, long step, String sourceKind, String author, String rule,
                              JsonNode evidence) {
    public static final String APPLIED = "applied";
    public static final String REJECTED = "rejected";
    public static final String IGNORED = "ignored";

    /** The answer's row, or empty for a rejection of a command whose id could not be read. */
    static Optional<CommandAnswered> of(EventHeader header, CommandAnswer answer) {
        if (answer.commandId() == null) {
            return Optional.empty();
        }
        String outcome = APPLIED;
        String detail = null;
        CommandSource source = null;
        if (answer instanceof CommandRejected rejected) {
            outcome = REJECTED;
            detail = rejected.reason();
            source = rejected.source();
        } else if (answer instanceof CommandIgnored ignored) {
            outcome = IGNORED;
            detail = ignored.why();
        } else if (answer instanceof ParameterChanged changed) {
            source = changed.source();
        } else if (answer instanceof TriggerFired fired) {
            source = fired.source();
        } else if (answer instanceof CheckpointLoaded loaded) {
            source = loaded.source();
        }
        return Optional.of(new CommandAnswered(answer.commandId(), header.runId(), header.eventId(), outcome, detail,
                header.time(), header.step(), Sources.kind(source), Sources.author(source), Sources.rule(source),
                Sources.evidence(source)));
    }
}
