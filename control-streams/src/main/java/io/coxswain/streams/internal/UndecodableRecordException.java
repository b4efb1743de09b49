package io.coxswain.streams.internal;

import io.coxswain.protocol.CoxswainException;

/** A record read through a {@link TopicSerde} did not decode; names the topic, the run when readable, and why. */
public class UndecodableRecordException extends CoxswainException {
    public UndecodableRecordException(String topic, String runId, String reason) {
        super("undecodable record on " + topic + (runId == null ? "" : " for run " + runId) + ": " + reason);
    }
}
