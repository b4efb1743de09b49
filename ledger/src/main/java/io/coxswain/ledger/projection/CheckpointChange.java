package io.coxswain.ledger.projection;

import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventHeader;
import java.time.Instant;

/**
 * A checkpoint file of a run written or deleted. Its {@code checkpoints} row keeps the latest save and the latest
 * deletion (by time, then event id), and counts as deleted when the deletion is not older than the save.
 */
public sealed interface CheckpointChange {

    String runId();

    String path();

    static CheckpointChange saved(EventHeader header, CheckpointSaved saved) {
        return new Saved(header.runId(), saved.path(), header.eventId(), header.step(), saved.bytes(),
                saved.isFinal(), header.time());
    }

    static CheckpointChange deleted(EventHeader header, CheckpointDeleted deleted) {
        return new Deleted(header.runId(), deleted.path(), header.eventId(), header.step(), deleted.bytes(),
                deleted.reason(), header.time());
    }

    /** {@code isFinal}: the checkpoint written when the run ended. */
    record Saved(String runId, String path, String eventId, long step, long bytes, boolean isFinal, Instant savedAt)
            implements CheckpointChange {
    }

    /** {@code bytes} were freed, for {@code reason} (e.g. to honour save_total_limit). */
    record Deleted(String runId, String path, String eventId, long step, long bytes, String reason,
                   Instant deletedAt) implements CheckpointChange {
    }
}
