package io.coxswain.cli.control;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Fails fast, naming the address, when Kafka does not answer. */
public final class KafkaReachability {
    private KafkaReachability() {
    }

    public static void require(String bootstrap, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted while reaching Kafka at " + bootstrap, e);
        } catch (Exception e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Kafka unreachable at " + bootstrap + " (no answer within "
                    + timeout.toSeconds() + " s). Is `cox up` running, or is --bootstrap right?", e);
        }
    }
}
