package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One stored event or command of a run.
 *
 * @param id        its position in the ledger (increasing in the order stored)
 * @param type      the event type, or {@code ControlCommand}
 * @param seq       the producer's sequence number, null for commands
 * @param step      the run's step, null for commands
 * @param time      when it happened (a command's issue time)
 * @param commandId the command it is or answers, else null
 * @param payload   the whole message as it came, flat JSON
 */
public record EventRow(long id, String eventId, String runId, String type, Long seq, Long step, Instant time,
                       String commandId, JsonNode payload) {
}
