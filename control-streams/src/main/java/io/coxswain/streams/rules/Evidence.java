package io.coxswain.streams.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;

/** The values a rule saw when it fired; a record per rule, written into the command's {@code source.evidence}. */
public interface Evidence {

    /** This evidence as the JSON object that goes into the command. */
    default ObjectNode toJson() {
        return Json.mapper().valueToTree(this);
    }
}
