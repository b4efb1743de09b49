package io.coxswain.ledger.ingest;

import io.coxswain.ledger.store.QuarantinedRecord;
import java.util.List;

/**
 * What one committed batch did.
 *
 * @param records     Kafka records in the batch
 * @param stored      events and commands inserted now
 * @param duplicates  events and commands already stored (a redelivery), inserted nothing
 * @param quarantined undecodable records put in quarantine now (not those quarantined before)
 */
record BatchOutcome(int records, int stored, int duplicates, List<QuarantinedRecord> quarantined) {

    BatchOutcome {
        quarantined = List.copyOf(quarantined);
    }
}
