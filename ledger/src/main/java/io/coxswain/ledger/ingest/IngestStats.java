package io.coxswain.ledger.ingest;

/**
 * A snapshot of what one {@link LedgerIngest} has done since it started.
 *
 * @param records            Kafka records in committed batches
 * @param stored             events and commands inserted
 * @param duplicates         redelivered events and commands, which inserted nothing
 * @param quarantined        undecodable records put in quarantine
 * @param batches            transactions committed
 * @param batchSeconds       time spent writing those batches, in total (their mean latency is this / batches)
 * @param failures           failed attempts (database or broker), each retried from the stored offsets
 * @param lastFailure        the latest failure with its cause, or null when none happened
 * @param assignedPartitions partitions this instance reads now
 * @param running            whether its consumer thread is alive
 */
public record IngestStats(long records, long stored, long duplicates, long quarantined, long batches,
                          double batchSeconds, long failures,
                          String lastFailure, int assignedPartitions, boolean running) {
}
