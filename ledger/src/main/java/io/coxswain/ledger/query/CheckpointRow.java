package io.coxswain.ledger.query;

import java.time.Instant;

/**
 * A checkpoint file of a run: its latest save and, when it is gone, its deletion.
 *
 * @param step    the step it was saved at; null when only its deletion is in the ledger
 * @param isFinal whether it was written when the run ended
 * @param deleted whether it was deleted after it was (last) saved
 */
public record CheckpointRow(String runId, String path, Long step, Long bytes, Boolean isFinal, Instant savedAt,
                            boolean deleted, Instant deletedAt, String deletedReason, Long freedBytes) {
}
