package io.coxswain.agent.kafka;

import io.coxswain.protocol.CoxswainException;
import java.util.Set;

/** The broker answered but lacks topics the agent needs (the broker does not create them on demand). */
public class MissingTopicsException extends CoxswainException {
    private final Set<String> topics;

    public MissingTopicsException(String bootstrap, Set<String> topics) {
        super("Kafka at " + bootstrap + " has no topic " + String.join(", ", topics)
                + " (create it, or start the stack with `cox up`)");
        this.topics = Set.copyOf(topics);
    }

    public Set<String> topics() {
        return topics;
    }
}
