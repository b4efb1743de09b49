package io.coxswain.streams;

import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSetRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance's {@link RuleSetRegistry} current from the compacted {@code coxswain.rules} topic: reads it to its
 * end before the app starts processing (so rules apply from the first event), then follows it on a daemon thread,
 * so a published rule set runs on every instance within about a second, without a restart.
 */
public final class RulesFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesFeed.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.RULES, 0);

    private final RuleSetRegistry registry;
    private final KafkaConsumer<String, String> consumer;
    private Thread follower;
    private volatile boolean closed;

    public RulesFeed(String bootstrapServers, RuleSetRegistry registry) {
        this.registry = registry;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Creates {@code coxswain.rules} (one partition, compacted) when it is missing. */
    public static void ensureTopic(String bootstrapServers, Duration timeout)
            throws InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // the admin client refuses a default API timeout below its request timeout (30 s)
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(Topics.RULES)) {
                return;
            }
            NewTopic topic = new NewTopic(Topics.RULES, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created {} (1 partition, compacted)", Topics.RULES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.RULES + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    /** Publishes rule set {@code name} (its YAML {@code text}; null withdraws it) and waits for the broker's ack. */
    public static void publish(String bootstrapServers, String name, String text, Duration timeout)
            throws InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        int request = (int) Math.max(1_000, Math.min(timeout.toMillis(), 30_000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), request));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RULES, 0, name, text))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot publish rule set " + name + " to " + Topics.RULES + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Reads the topic to its current end within {@code timeout}, then follows it on a daemon thread. */
    public void start(Duration timeout) throws TimeoutException {
        consumer.assign(Set.of(PARTITION));
        consumer.seekToBeginning(Set.of(PARTITION));
        long end = consumer.endOffsets(Set.of(PARTITION), timeout).get(PARTITION);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(PARTITION, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("did not read " + Topics.RULES + " to its end (offset " + end + ") within "
                        + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
        LOG.info("rule sets running: {}", registry.names());
        follower = new Thread(this::follow, "coxswain-rules-feed");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            while (!closed) {
                consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("the rules feed was woken up unexpectedly; rule sets are no longer reloaded", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the rules feed failed; rule sets are no longer reloaded until a restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        RuleSetRegistry.Update update = registry.update(record.key(), record.value());
        if (update instanceof RuleSetRegistry.Update.Rejected rejected) {
            LOG.warn("rule set {} not loaded ({}); {}", rejected.name(), rejected.error(),
                    rejected.running() == null ? "it does not run" : "the previous version keeps running");
        } else if (update instanceof RuleSetRegistry.Update.Loaded loaded) {
            LOG.info("rule set {} version {} running", loaded.set().name(), loaded.set().version().substring(0, 12));
        } else if (update instanceof RuleSetRegistry.Update.Removed removed) {
            LOG.info("rule set {} withdrawn", removed.name());
        }
    }

    @Override
    public void close() {
        closed = true;
        if (follower == null) {
            consumer.close(Duration.ofSeconds(5));
        } else {
            consumer.wakeup();
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
