package io.coxswain.ledger.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The ledger ingest's counters as meters, read from {@link LedgerIngest#stats()} at each scrape:
 * {@code coxswain_ledger_records_total}, {@code _stored_total}, {@code _duplicates_total},
 * {@code _quarantined_total}, {@code _failures_total}, {@code coxswain_ledger_batch_seconds} (count and sum of the
 * committed batches' write time), and the gauges {@code coxswain_ledger_partitions} and
 * {@code coxswain_ledger_running}; all tagged with the consumer group.
 */
public final class IngestMeters implements MeterBinder {
    private final LedgerIngest ingest;

    public IngestMeters(LedgerIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String group = ingest.config().groupId();
        counter(registry, group, "records", "Kafka records in committed batches", s -> s.records());
        counter(registry, group, "stored", "events and commands inserted", s -> s.stored());
        counter(registry, group, "duplicates", "redelivered events and commands, which inserted nothing",
                s -> s.duplicates());
        counter(registry, group, "quarantined", "undecodable records put in quarantine", s -> s.quarantined());
        counter(registry, group, "failures", "failed attempts, each retried from the stored offsets",
                s -> s.failures());
        FunctionTimer.builder("coxswain.ledger.batch", ingest, i -> i.stats().batches(),
                        i -> i.stats().batchSeconds(), TimeUnit.SECONDS)
                .description("time to write and commit each batch").tag("group", group).register(registry);
        Gauge.builder("coxswain.ledger.partitions", ingest, i -> i.stats().assignedPartitions())
                .description("partitions this instance reads").tag("group", group).register(registry);
        Gauge.builder("coxswain.ledger.running", ingest, i -> i.stats().running() ? 1 : 0)
                .description("1 while the ingest thread is alive").tag("group", group).register(registry);
    }

    private void counter(MeterRegistry registry, String group, String name, String description,
                         ToDoubleFunction<IngestStats> value) {
        FunctionCounter.builder("coxswain.ledger." + name, ingest, i -> value.applyAsDouble(i.stats()))
                .description(description).tag("group", group).register(registry);
    }
}
