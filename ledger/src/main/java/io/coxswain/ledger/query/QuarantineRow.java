package io.coxswain.ledger.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record the ledger could not decode, kept as it came. Equal rows have equal {@code raw} bytes.
 *
 * @param recordKey the Kafka key as UTF-8 text
 * @param raw       the record's value, untouched (null for a record without value)
 * @param reason    what is wrong with it, naming the field
 * @param runId     the run, when it could be read
 * @param messageId the event id or command id, when it could be read
 */
public record QuarantineRow(String sourceTopic, int sourcePartition, long sourceOffset, String recordKey, byte[] raw,
                            String reason, String runId, String messageId, Instant recordedAt) {

    @Override
    public boolean equals(Object other) {
        return other instanceof QuarantineRow q
                && sourcePartition == q.sourcePartition && sourceOffset == q.sourceOffset
                && Objects.equals(sourceTopic, q.sourceTopic) && Objects.equals(recordKey, q.recordKey)
                && Arrays.equals(raw, q.raw) && Objects.equals(reason, q.reason) && Objects.equals(runId, q.runId)
                && Objects.equals(messageId, q.messageId) && Objects.equals(recordedAt, q.recordedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceTopic, sourcePartition, sourceOffset, recordKey, Arrays.hashCode(raw), reason, runId,
                messageId, recordedAt);
    }

    @Override
    public String toString() {
        return "QuarantineRow[" + sourceTopic + "-" + sourcePartition + "@" + sourceOffset + ", key=" + recordKey
                + ", raw=" + (raw == null ? "null" : raw.length + " bytes") + ", reason=" + reason + ", runId=" + runId
                + ", messageId=" + messageId + ", recordedAt=" + recordedAt + "]";
    }
}
