package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.agent.kafka.KafkaCommandFeed;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing example of protocol/README.md, run as written with openssl and kcat, is accepted by a signed feed. */
class ReadmeSigningExampleWithKcatTest {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private static String signingExample() throws Exception {
        Matcher block = SH_BLOCK.matcher(Files.readString(Path.of("../protocol/README.md"), StandardCharsets.UTF_8));
        while (block.find()) {
            if (block.group(1).contains("openssl dgst")) {
                return block.group(1);
            }
        }
        throw new AssertionError("no sh block with openssl dgst in protocol/README.md");
    }

    @Test
    void aCommandSignedWithOpensslAndSentWithKcatIsReceived() throws Exception {
        ExternalTool.require("kcat");
        ExternalTool.require("openssl");
        String script = signingExample();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.CONTROL.name()), 12);
            Path work = Files.createDirectories(dir.resolve("work"));
            Path keyFile = work.resolve("signing.key");
            String firstLine = script.lines().findFirst().orElseThrow();
            ExternalTool.run(List.of("bash", "-euc", "cd '" + work + "' && " + firstLine), "");
            SigningKey key = SigningKey.read(keyFile);

            try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), "r-1",
                    CommandFeedOptions.signedWith(key))) {
                feed.start();
                String rest = script.substring(firstLine.length()).replace("HOST:PORT", kafka.bootstrap());
                ExternalTool.run(List.of("bash", "-euc", "cd '" + work + "' && " + rest), "");

                List<IncomingCommand> received = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).until(() -> received.addAll(feed.drain()));
                assertThat(received).singleElement().isInstanceOfSatisfying(IncomingCommand.Received.class,
                        r -> assertThat(r.command().commandId()).isEqualTo("c-42"));
            }
        }
    }
}
