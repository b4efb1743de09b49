package io.coxswain.ledger.ingest;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** Counters written by the ingest thread and read by anyone. */
final class IngestCounters {
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong batchNanos = new AtomicLong();
    private volatile String lastFailure;
    /** Partitions per consumer of the instance. */
    private final AtomicIntegerArray assignedPartitions;

    IngestCounters(int consumers) {
        assignedPartitions = new AtomicIntegerArray(consumers);
    }

    /** A batch committed after {@code nanos} spent writing it (decode excluded, transaction included). */
    void committed(BatchOutcome outcome, long nanos) {
        batchNanos.addAndGet(nanos);
        records.addAndGet(outcome.records());
        stored.addAndGet(outcome.stored());
        duplicates.addAndGet(outcome.duplicates());
        quarantined.addAndGet(outcome.quarantined().size());
        batches.incrementAndGet();
    }

    void failed(String description) {
        failures.incrementAndGet();
        lastFailure = description;
    }

    void assigned(int consumer, int partitions) {
        assignedPartitions.set(consumer, partitions);
    }

    IngestStats snapshot(boolean running) {
        return new IngestStats(records.get(), stored.get(), duplicates.get(), quarantined.get(), batches.get(),
                batchNanos.get() / 1e9, failures.get(), lastFailure, assignedTotal(), running);
    }

    private int assignedTotal() {
        int total = 0;
        for (int i = 0; i < assignedPartitions.length(); i++) {
            total += assignedPartitions.get(i);
        }
        return total;
    }
}
