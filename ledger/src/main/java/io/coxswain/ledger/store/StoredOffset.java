package io.coxswain.ledger.store;

/** The next offset a consumer group reads from one partition. */
public record StoredOffset(String topic, int partition, long nextOffset) {
}
