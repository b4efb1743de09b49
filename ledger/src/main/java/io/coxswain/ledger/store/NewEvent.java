package io.coxswain.ledger.store;

import java.time.Instant;

/**
 * One row to append to {@code events}: a run event or a control command, with where it was read from.
 *
 * @param eventId   an event's own id; a command's {@code control:<partition>:<offset>}
 * @param seq       the producer's sequence, null for commands
 * @param step      the run's step, null for commands
 * @param eventTime whole microseconds (what PostgreSQL's timestamptz holds)
 * @param payload   the whole message in the text form of jsonb ({@link JsonbText}), as {@code payload::text} prints it
 * @param commandId the command's id, for commands and the events that answer them, else null
 */
public record NewEvent(String eventId, String runId, String experimentId, String type, Long seq, Long step,
                       Instant eventTime, String payload, String commandId, String sourceTopic, int sourcePartition,
                       long sourceOffset) {
}
