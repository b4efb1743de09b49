package io.coxswain.agent.control;

import java.util.Optional;

/**
 * Where a feed positions itself, decided from what it was asked for and the offsets its partition still holds.
 *
 * @param offset  the offset of the first record the feed will read
 * @param warning why that is not where it was asked to start (records lost to retention, a recreated topic)
 */
public record FeedPosition(long offset, Optional<String> warning) {

    /**
     * @param partition what to name in a warning, e.g. {@code coxswain.control-3}
     * @param beginning the first offset the partition still holds
     * @param end       the offset the next record will get
     */
    public static FeedPosition of(FeedStart start, String partition, long beginning, long end) {
        if (start instanceof FeedStart.AfterOffset after) {
            long wanted = after.offset() + 1;
            if (wanted < beginning) {
                return new FeedPosition(beginning, Optional.of("asked to read " + partition + " after offset "
                        + after.offset() + " but its earliest offset is now " + beginning
                        + " (retention deleted older records): reading from " + beginning
                        + "; commands at offsets " + wanted + " to " + (beginning - 1) + " are lost"));
            }
            if (wanted > end) {
                return new FeedPosition(beginning, Optional.of("asked to read " + partition + " after offset "
                        + after.offset() + " but it ends at offset " + end + " (was the topic recreated?): "
                        + "reading from its earliest offset " + beginning));
            }
            return new FeedPosition(wanted, Optional.empty());
        }
        return new FeedPosition(end, Optional.empty());
    }
}
