package io.coxswain.bench;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * The benchmark's Kafka broker in a process of its own (so its CPU and garbage stay out of the agent's JVM, as on a
 * real deployment): starts the embedded broker, creates the topics, writes its bootstrap address to the file named
 * by the first argument, and runs until stdin closes or the process is stopped.
 */
public final class BrokerMain {
    public static void main(String[] args) throws Exception {
        Path ready = Path.of(args[0]);
        Path dir = Files.createTempDirectory("cox-bench-broker");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
            Files.writeString(tmp, kafka.bootstrap());
            Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                continue;
            }
        }
    }
}
