package io.coxswain.web;

import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.RulesFeed;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Publishes rule sets to {@code coxswain.rules} on one broker, creating the topic where missing. Bounded waits. */
public final class KafkaRulesPublisher implements RulesPublisher {
    private final String bootstrap;
    private final Duration timeout;

    public KafkaRulesPublisher(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    @Override
    public void publish(String name, String text) {
        try {
            RulesFeed.ensureTopic(bootstrap, timeout);
            RulesFeed.publish(bootstrap, name, text, timeout);
        } catch (TimeoutException e) {
            throw new RulesUnavailableException("Kafka at " + bootstrap + " did not acknowledge rule set " + name
                    + " on " + Topics.RULES + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("interrupted while publishing rule set " + name, e);
        } catch (RuntimeException e) {
            throw new RulesUnavailableException("cannot publish rule set " + name + " to Kafka at " + bootstrap
                    + ": " + e.getMessage(), e);
        }
    }
}
