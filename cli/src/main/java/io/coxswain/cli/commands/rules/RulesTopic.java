package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.KafkaReachability;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted rules topic ({@link Topics#RULES}: key the rule set name, value its text, null withdraws it) on one
 * Kafka. Connecting fails fast when Kafka does not answer; every later call is bounded by the timeout too, so nothing
 * hangs on a stack that went away.
 */
final class RulesTopic implements AutoCloseable {
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrap;
    private final Duration timeout;
    private final Admin admin;

    private RulesTopic(String bootstrap, Duration timeout, Admin admin) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.admin = admin;
    }

    /** The rules topic on the Kafka at {@code bootstrap}, once it answers (exit 6 if it does not). */
    static RulesTopic connect(String bootstrap, Duration timeout) {
        KafkaReachability.require(bootstrap, timeout.compareTo(REACH_TIMEOUT) < 0 ? timeout : REACH_TIMEOUT);
        Properties props = clientProps(bootstrap, timeout);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        return new RulesTopic(bootstrap, timeout, Admin.create(props));
    }

    /** Whether the topic exists. */
    boolean exists() {
        return await(admin.listTopics().names(), "listing topics").contains(Topics.RULES);
    }

    /** Creates the topic where missing: one partition (every load in order), compacted (the latest text per name). */
    void ensure() {
        if (exists()) {
            return;
        }
        NewTopic topic = new NewTopic(Topics.RULES, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            await(admin.createTopics(List.of(topic)).all(), "creating topic " + Topics.RULES);
        } catch (CliException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Publishes {@code text} under {@code name} (null: a tombstone) and waits for the broker's ack. */
    RecordMetadata publish(String name, String text) {
        Properties props = clientProps(bootstrap, timeout);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(timeout));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(timeout));
        KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer());
        try {
            return await(producer.send(new ProducerRecord<>(Topics.RULES, name, text)),
                    (text == null ? "withdrawing" : "publishing") + " rule set " + name);
        } finally {
            producer.close(timeout);
        }
    }

    /**
     * The topic read from its beginning to its end offsets of now: each name's latest text, null for a withdrawn one,
     * sorted by name. Empty when the topic does not exist.
     */
    Map<String, String> current() {
        Map<String, String> latest = new TreeMap<>();
        if (!exists()) {
            return latest;
        }
        List<TopicPartition> partitions = partitions();
        Properties props = clientProps(bootstrap, timeout);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis(timeout));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw unreachable("reading " + Topics.RULES + " up to offsets " + end, null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw unreachable("reading " + Topics.RULES, e);
        }
        return latest;
    }

    @Override
    public void close() {
        admin.close(timeout);
    }

    private List<TopicPartition> partitions() {
        var description = await(admin.describeTopics(List.of(Topics.RULES)).allTopicNames(),
                "describing topic " + Topics.RULES).get(Topics.RULES);
        return description.partitions().stream().map(p -> new TopicPartition(Topics.RULES, p.partition())).toList();
    }

    private boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
    }

    private <T> T await(Future<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw unreachable(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(what, cause);
            }
            throw new CliException(ExitCodes.FAILED, "Kafka at " + bootstrap + " failed " + what + ": "
                    + cause.getMessage(), cause);
        }
    }

    private CliException unreachable(String what, Throwable cause) {
        return new CliException(ExitCodes.UNREACHABLE, "no answer from Kafka at " + bootstrap + " within "
                + timeout.toSeconds() + " s while " + what + ". Is the stack still running?", cause);
    }

    private static Properties clientProps(String bootstrap, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return props;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
