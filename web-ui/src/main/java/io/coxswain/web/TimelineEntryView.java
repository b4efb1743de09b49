package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.EventRow;
import java.time.Instant;

/**
 * One line of a run's audit timeline as the pages show it: a command, an answer, a change, a trigger or a report.
 *
 * @param message the message as it came, flat JSON; the pages write every value as text
 */
public record TimelineEntryView(long id, String type, Long step, Instant time, String commandId, JsonNode message) {

    public static TimelineEntryView from(EventRow row) {
        return new TimelineEntryView(row.id(), row.type(), row.step(), row.time(), row.commandId(), row.payload());
    }
}
