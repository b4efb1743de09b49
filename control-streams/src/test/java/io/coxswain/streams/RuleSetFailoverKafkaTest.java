package io.coxswain.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.internal.TopicSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover between two instances of the app on a real broker: both share the runs of a 6-partition topic, one is
 * killed (SIGKILL, in a JVM of its own) with a transaction open that holds commands, the other takes its runs over.
 * Read committed, every command the rule set must send is on {@code coxswain.control} exactly once: none lost, none
 * doubled by the killed instance's aborted output or by the survivor reprocessing its events. The patience
 * controller fires on every 5th logged step; the kill comes when the committed counters stand at 2, so firings at
 * the right steps after the kill prove the survivor restored them from the changelog (restarted counters would fire
 * two steps late).
 */
class RuleSetFailoverKafkaTest {
    private static final String APP_ID = "failover-test";
    private static final String SET = "failover";
    private static final String RULES = """
            controller_metrics:
              - name: loss
                class: Loss
            controllers:
              - name: every-log
                triggers: [on_log]
                rule: loss["loss"] > 0
                operations: [hfcontrols.should_log]
              - name: patient
                triggers: [on_log]
                rule: loss["loss"] > 0
                patience:
                  patience_threshold: 4
                operations: [hfcontrols.should_save]
            """;
    private static final int PARTITIONS = 6;
    private static final List<String> RUNS = IntStream.range(0, 20).mapToObj(i -> "run-%02d".formatted(i)).toList();
    /** Committed by both instances before the kill: the patience counters then stand at 2. */
    private static final long COMMITTED_BEFORE_KILL = 12;
    /** Processed, not yet committed by the victim when it is killed; its patience firing at 15 among them. */
    private static final long PROCESSED_BEFORE_KILL = 17;
    private static final long LAST_STEP = 30;
    private static final int PATIENCE = 5;
    /** The broker's lowest session timeout: how soon the survivor learns that the victim is gone. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** Long, so that the victim's transaction is surely still open when it is killed a second after a commit. */
    private static final Duration VICTIM_COMMIT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Session timeout, then the broker aborts the victim's transaction (10 s timeout, checked every 10 s). */
    private static final Duration FAILOVER_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aKilledInstancesRunsMoveToTheOtherAndEveryCommandIsCommittedExactlyOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name()),
                    PARTITIONS);
            RulesFeed.ensureTopic(kafka.bootstrap(), WAIT);
            RulesFeed.publish(kafka.bootstrap(), SET, RULES, WAIT);
            try (ControlStreamsApp survivor = new ControlStreamsApp(config(kafka, "survivor",
                    ControlStreamsConfig.DEFAULT_COMMIT_INTERVAL));
                 InstanceProcess victim = InstanceProcess.start(config(kafka, "victim", VICTIM_COMMIT_INTERVAL),
                         dir.resolve("victim.out"));
                 KafkaProducer<String, byte[]> producer = producer(kafka);
                 ControlLog committed = new ControlLog(kafka.bootstrap(), "read_committed");
                 ControlLog raw = new ControlLog(kafka.bootstrap(), "read_uncommitted")) {
                survivor.start();
                victim.awaitRunning(Duration.ofSeconds(40));
                awaitBothOwnRuns(kafka);

                produce(producer, 1, COMMITTED_BEFORE_KILL);
                committed.awaitAll(expected(COMMITTED_BEFORE_KILL), WAIT);
                produce(producer, COMMITTED_BEFORE_KILL + 1, PROCESSED_BEFORE_KILL);
                raw.awaitAll(expected(PROCESSED_BEFORE_KILL), WAIT);
                victim.kill();
                produce(producer, PROCESSED_BEFORE_KILL + 1, LAST_STEP);

                committed.awaitAll(expected(LAST_STEP), FAILOVER_WAIT);
                assertExactlyOnce(committed.readToEnd(), expected(LAST_STEP));
                assertAnAbortedTransactionHeldCommands(raw.readToEnd());
            }
        }
    }

    private ControlStreamsConfig config(EmbeddedKafka kafka, String name, Duration commitInterval) {
        return ControlStreamsConfig.defaults(kafka.bootstrap()).withApplicationId(APP_ID)
                .withStateDir(dir.resolve(name)).withCommitInterval(commitInterval)
                .withSessionTimeout(SESSION_TIMEOUT).withCloseTimeout(Duration.ofSeconds(10));
    }

    /** Waits until the group has settled with two members, each reading some partitions of the run events. */
    private static void awaitBothOwnRuns(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                List<Set<Integer>> owned = admin.describeConsumerGroups(List.of(APP_ID)).describedGroups().get(APP_ID)
                        .get(10, TimeUnit.SECONDS).members().stream().map(RuleSetFailoverKafkaTest::runEventsOf)
                        .toList();
                assertThat(owned).as("the partitions of " + Topics.RUN_EVENTS.name() + " each member reads")
                        .hasSize(2).noneMatch(Set::isEmpty);
            });
        }
    }

    private static Set<Integer> runEventsOf(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .filter(p -> p.topic().equals(Topics.RUN_EVENTS.name())).map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Steps {@code from..to} of every run, logged, step by step across the runs, acknowledged when it returns. */
    private static void produce(KafkaProducer<String, byte[]> producer, long from, long to) {
        for (long step = from; step <= to; step++) {
            for (String run : RUNS) {
                producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), run,
                        Topics.RUN_EVENTS.codec().encode(RunEvents.step(run, step, 1.0 + 1.0 / step))));
            }
        }
        producer.flush();
    }

    /** The ids of every command the rule set must send for steps 1..{@code last}. */
    private static Set<String> expected(long last) {
        Set<String> ids = new TreeSet<>();
        for (String run : RUNS) {
            LongStream.rangeClosed(1, last).forEach(step -> {
                ids.add(commandId(run, "every-log", step));
                if (step % PATIENCE == 0) {
                    ids.add(commandId(run, "patient", step));
                }
            });
        }
        return ids;
    }

    private static String commandId(String run, String controller, long step) {
        return "rule-" + run + "-" + SET + "-" + controller + "-on_log-" + step;
    }

    private static void assertExactlyOnce(Map<String, Integer> counts, Set<String> expected) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(counts.keySet());
        Map<String, Integer> doubled = new TreeMap<>(counts);
        doubled.values().removeIf(n -> n == 1);
        Set<String> unexpected = new TreeSet<>(counts.keySet());
        unexpected.removeAll(expected);
        if (!missing.isEmpty() || !doubled.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError("read committed, " + Topics.CONTROL.name() + " does not hold each of the "
                    + expected.size() + " commands exactly once:\n  lost (" + missing.size() + "): " + first(missing)
                    + "\n  committed more than once (" + doubled.size() + ", id=copies): " + first(doubled.entrySet())
                    + "\n  unexpected (" + unexpected.size() + "; patient firings off every " + PATIENCE
                    + "th step mean counters restarted instead of being restored): " + first(unexpected));
        }
    }

    /**
     * Proof that the test did what it claims: the raw log holds a second copy of some command, written by the victim
     * in the transaction that the kill left open and the broker aborted.
     */
    private static void assertAnAbortedTransactionHeldCommands(Map<String, Integer> rawCounts) {
        if (rawCounts.values().stream().noneMatch(n -> n > 1)) {
            throw new AssertionError("no command is on the raw log of " + Topics.CONTROL.name() + " twice: the kill"
                    + " did not hit an open transaction holding commands (the victim commits every "
                    + VICTIM_COMMIT_INTERVAL + "), so this run did not exercise an aborted transaction");
        }
    }

    private static String first(Collection<?> items) {
        return items.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                + (items.size() > 20 ? ", ..." : "");
    }

    /** The rule set's commands on {@code coxswain.control} as one isolation level sees them, counted by id. */
    private static final class ControlLog implements AutoCloseable {
        private final KafkaConsumer<String, ControlCommand> consumer;
        private final List<TopicPartition> partitions;
        private final Map<String, Integer> counts = new TreeMap<>();
        private final String isolation;

        ControlLog(String bootstrap, String isolation) {
            this.isolation = isolation;
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new TopicSerde<>(Topics.CONTROL).deserializer());
            partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(Topics.CONTROL.name(), p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads until every one of {@code ids} was seen; fails naming the missing ones after {@code timeout}. */
        void awaitAll(Set<String> ids, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!counts.keySet().containsAll(ids)) {
                if (System.nanoTime() > deadline) {
                    Set<String> missing = new TreeSet<>(ids);
                    missing.removeAll(counts.keySet());
                    throw new AssertionError(isolation + ", " + missing.size() + " of " + ids.size() + " commands"
                            + " did not reach " + Topics.CONTROL.name() + " within " + timeout + ": "
                            + first(missing));
                }
                poll();
            }
        }

        /** Reads to the end as it is now (read committed: to the last stable offset) and returns the counts. */
        Map<String, Integer> readToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(isolation + ", " + Topics.CONTROL.name() + " was not read to its end "
                            + end + " within " + WAIT);
                }
                poll();
            }
            return Map.copyOf(counts);
        }

        private void poll() {
            for (ConsumerRecord<String, ControlCommand> record : consumer.poll(Duration.ofMillis(200))) {
                String rule = record.value().source().rule();
                if (rule != null && rule.startsWith(SET + "/")) {
                    counts.merge(record.value().commandId(), 1, Integer::sum);
                }
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
