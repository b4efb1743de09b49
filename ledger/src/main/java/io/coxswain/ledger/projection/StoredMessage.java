package io.coxswain.ledger.projection;

/** One row of {@code events} as the rebuild replays it: its position, ids, type and payload as stored (JSON text). */
public record StoredMessage(long id, String eventId, String type, String payload) {
}
