package io.coxswain.streams.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Asks the brokers which topics exist and how many partitions each has, once, before the app starts. */
public final class TopicLookup {
    private TopicLookup() {
    }

    /**
     * The partition count of each of {@code topics} that exists; a topic that does not exist is absent.
     *
     * @throws TimeoutException when the brokers gave no full answer within {@code timeout}
     * @throws KafkaException   when they answered with another error (authorization, ...)
     */
    public static Map<String, Integer> partitionCounts(String bootstrapServers, String clientId,
                                                       Collection<String> topics, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        Admin admin = Admin.create(props);
        try {
            DescribeTopicsOptions options = new DescribeTopicsOptions()
                    .timeoutMs((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            Map<String, KafkaFuture<TopicDescription>> answers = admin.describeTopics(topics, options)
                    .topicNameValues();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> answer : answers.entrySet()) {
                long left = Math.max(0, deadline - System.nanoTime());
                try {
                    counts.put(answer.getKey(), answer.getValue().get(left, TimeUnit.NANOSECONDS).partitions().size());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UnknownTopicOrPartitionException) {
                        continue;
                    }
                    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                        throw (TimeoutException) new TimeoutException(cause.getMessage()).initCause(cause);
                    }
                    throw cause instanceof KafkaException kafka ? kafka
                            : new KafkaException("cannot describe topic " + answer.getKey(), cause);
                }
            }
            return counts;
        } finally {
            admin.close(Duration.ZERO);
        }
    }
}
