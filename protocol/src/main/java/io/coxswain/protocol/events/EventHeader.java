package io.coxswain.protocol.events;

import java.time.Instant;

/**
 * The fields every event carries.
 *
 * @param eventId      unique id (a UUID); the ledger stores each event id once
 * @param runId        the run, also the Kafka key
 * @param experimentId the experiment (cohort) the run belongs to
 * @param seq          per run, from 1, without gaps, for the events of the run's agent; 0 for an event about the run
 *                     that another component produced (control-streams answering a misplaced command)
 * @param step         the run's optimizer step when the event happened (0 before the first step)
 * @param time         when it happened
 */
public record EventHeader(String eventId, String runId, String experimentId, long seq, long step, Instant time) {
}
