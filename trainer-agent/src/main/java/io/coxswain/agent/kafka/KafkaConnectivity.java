package io.coxswain.agent.kafka;

import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/** A bounded check that a broker answers at an address and has the topics an agent needs. Never hangs. */
public final class KafkaConnectivity {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaConnectivity() {
    }

    /**
     * Returns once the broker at {@code bootstrap} answered and both topics exist; else throws
     * {@link KafkaUnreachableException} within about {@code timeout}, or {@link MissingTopicsException}.
     */
    public static void check(String bootstrap, Duration timeout) {
        long millis = timeout.toMillis();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "coxswain-agent-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(2000L, millis));
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(5000L, millis));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new KafkaUnreachableException(bootstrap, "cannot use Kafka bootstrap address '" + bootstrap + "': "
                    + e.getMessage(), e);
        }
        try {
            Set<String> existing = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()));
            missing.removeAll(existing);
            if (!missing.isEmpty()) {
                throw new MissingTopicsException(bootstrap, missing);
            }
        } catch (TimeoutException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaUnreachableException(bootstrap, "Kafka at " + bootstrap + " did not answer within "
                    + timeout.toSeconds() + " s: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException(bootstrap, "interrupted while reaching Kafka at " + bootstrap, e);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
