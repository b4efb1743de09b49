package io.coxswain.web;

/** Publishes a checked rule set's text to the rules topic, where control-streams load it from. */
@FunctionalInterface
public interface RulesPublisher {

    /**
     * Publishes {@code text} as rule set {@code name} and waits for the broker's acknowledgement.
     *
     * @throws RulesUnavailableException when the broker cannot be reached or does not acknowledge in time
     */
    void publish(String name, String text);

    /** A publisher for a web UI started without Kafka: every upload is refused, saying so. */
    static RulesPublisher none() {
        return (name, text) -> {
            throw new RulesUnavailableException("rule uploads are off: this web UI was started without a Kafka "
                    + "bootstrap address");
        };
    }
}
