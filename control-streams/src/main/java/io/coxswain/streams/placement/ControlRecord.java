package io.coxswain.streams.placement;

import java.time.Instant;

/**
 * A record of {@code coxswain.control} as read, with where it sits. An input to {@link CommandPlacement} only: the
 * value is an array, so two of these are never {@code equals} unless they share it.
 *
 * @param key       the record key, the run id when the sender followed the protocol; may be null
 * @param value     the record value, a command when the sender followed the protocol; may be null
 * @param partition the partition it was read from
 * @param offset    its offset in that partition
 * @param timestamp its Kafka timestamp
 */
public record ControlRecord(String key, byte[] value, int partition, long offset, Instant timestamp) {
}
