package io.coxswain.ledger.ingest;

import io.coxswain.ledger.store.OffsetStore;
import io.coxswain.ledger.store.StoredOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;

/** Moves a consumer to the positions stored in the database, the beginning where none is stored. */
final class StoredPositions {
    private final Jdbi jdbi;
    private final String groupId;

    StoredPositions(Jdbi jdbi, String groupId) {
        this.jdbi = jdbi;
        this.groupId = groupId;
    }

    /** @return the stored next offset per partition; partitions without one are left out */
    Map<TopicPartition, Long> read() {
        List<StoredOffset> stored = jdbi.withExtension(OffsetStore.class, store -> store.nextOffsets(groupId));
        Map<TopicPartition, Long> positions = new HashMap<>();
        stored.forEach(s -> positions.put(new TopicPartition(s.topic(), s.partition()), s.nextOffset()));
        return positions;
    }

    void seek(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = read();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }
}
