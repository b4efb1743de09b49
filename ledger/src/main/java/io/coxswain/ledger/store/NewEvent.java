package io.coxswain.ledger.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row to append to {@code events}: a run event or a control command, with where it was read from.
 *
 * @param eventId   an event's own id; a command's {@code control:<partition>:<offset>}
 * @param seq       the producer's sequence, null for commands
 * @param step      the run's step, null for commands
 * @param payload   the whole message as flat JSON
 * @param commandId the command's id, for commands and the events that answer them, else null
 */
public record NewEvent(String eventId, String runId, String experimentId, String type, Long seq, Long step,
                       Instant eventTime, JsonNode payload, String commandId, String sourceTopic, int sourcePartition,
                       long sourceOffset) {
}
