package io.coxswain.ledger.store;

/**
 * A Kafka record that could not be decoded, kept as it came.
 *
 * @param recordKey the Kafka key as UTF-8 text, or null
 * @param raw       the record's value, untouched, or null for a record without value
 * @param reason    what is wrong with it, naming the field
 * @param runId     the run id, when it could be read
 * @param messageId the event id or command id, when it could be read
 */
public record QuarantinedRecord(String sourceTopic, int sourcePartition, long sourceOffset, String recordKey,
                                byte[] raw, String reason, String runId, String messageId) {
}
