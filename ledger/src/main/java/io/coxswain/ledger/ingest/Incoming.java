package io.coxswain.ledger.ingest;

import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.store.QuarantinedRecord;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;

/** One Kafka record, decoded: an event or a command to store, or a record to quarantine. */
sealed interface Incoming {

    record Event(NewEvent row, EventEnvelope envelope) implements Incoming {
    }

    record Command(NewEvent row, ControlCommand command) implements Incoming {
    }

    record Bad(QuarantinedRecord record) implements Incoming {
    }
}
