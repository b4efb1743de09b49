package io.coxswain.cli.commands.rules;

import static io.coxswain.cli.commands.rules.CoxRun.cox;
import static io.coxswain.cli.commands.rules.CoxRun.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.stack.StackFile;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.FreePort;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cox rules publish/list/withdraw} against a real broker. Only {@link #publishListWithdraw} writes to the rules
 * topic (the other tests publish nothing), so it starts from a broker without it.
 */
class RulesCommandKafkaTest {
    private static final Path PLATEAU = resource("rules/plateau.yaml");
    private static final Path TRAINING_LOSS = resource("rules/trac/epoch-level-training-loss.yaml");

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static CoxRun rules(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "rules";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--bootstrap";
        all[args.length + 2] = kafka.bootstrap();
        return cox(all);
    }

    private static String version(Path file) throws Exception {
        return RuleSet.versionOf(Files.readString(file)).substring(0, 12);
    }

    @Test
    void publishListWithdraw() throws Exception {
        CoxRun empty = rules("list");
        assertThat(empty.code()).as(empty.toString()).isEqualTo(ExitCodes.OK);
        assertThat(empty.outLines()).containsExactly("no rule sets published on coxswain.rules");

        CoxRun published = rules("publish", PLATEAU.toString());
        assertThat(published.code()).as(published.toString()).isEqualTo(ExitCodes.OK);
        assertThat(published.outLines()).containsExactly("published rule set plateau version " + version(PLATEAU));
        assertCompactedWithOnePartition();
        CoxRun named = rules("publish", TRAINING_LOSS.toString(), "--name", "stop-low-loss");
        assertThat(named.outLines()).containsExactly("published rule set stop-low-loss version "
                + version(TRAINING_LOSS));
        try (RulesTopic topic = RulesTopic.connect(kafka.bootstrap(), Duration.ofSeconds(10))) {
            assertThat(topic.current()).containsEntry("plateau", Files.readString(PLATEAU))
                    .containsEntry("stop-low-loss", Files.readString(TRAINING_LOSS));
        }

        CoxRun listed = rules("list");
        assertThat(listed.code()).as(listed.toString()).isEqualTo(ExitCodes.OK);
        assertThat(listed.outLines()).containsExactly(
                "NAME           VERSION       CONTROLLERS",
                "plateau        " + version(PLATEAU) + "  4",
                "stop-low-loss  " + version(TRAINING_LOSS) + "  1");

        CoxRun withdrawn = rules("withdraw", "plateau");
        assertThat(withdrawn.code()).as(withdrawn.toString()).isEqualTo(ExitCodes.OK);
        assertThat(withdrawn.outLines()).containsExactly("withdrew rule set plateau");
        assertThat(rules("list").outLines()).contains("plateau        -             withdrawn");
        assertThat(rules("withdraw", "plateau").outLines()).containsExactly("rule set plateau is already withdrawn");

        CoxRun unknown = rules("withdraw", "plateu");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err()).contains("no rule set 'plateu' was published; published: stop-low-loss");
    }

    private static void assertCompactedWithOnePartition() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (Admin admin = Admin.create(props)) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.RULES)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.RULES);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RULES);
            Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin
                    .describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS);
            assertThat(topic.partitions()).hasSize(1);
            assertThat(configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aFileThatDoesNotLoadIsNotPublished() throws Exception {
        Path bad = resource("rules/bad-rule.yaml");

        CoxRun r = rules("publish", bad.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).contains(bad + ": controller 'stop-on-plateau', field 'rule', column 8: ");
        assertThat(r.out()).isEmpty();
        try (RulesTopic topic = RulesTopic.connect(kafka.bootstrap(), Duration.ofSeconds(10))) {
            assertThat(topic.current()).doesNotContainKey("bad-rule");
        }
    }

    @Test
    void aNameThatIsNoKeyIsAUsageError() {
        CoxRun r = rules("publish", PLATEAU.toString(), "--name", "my rules");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("rule set name 'my rules' must start with a letter or digit");
    }

    @Test
    void findsTheStackThroughStackJson() {
        assumeTrue(System.getenv("COX_KAFKA") == null, "COX_KAFKA is set: it would win over stack.json");
        Path home = dir.resolve("home");
        new StackFile(kafka.bootstrap(), "jdbc:postgresql://127.0.0.1:1/none", "http://127.0.0.1:1", 1).write(home);

        CoxRun r = cox("rules", "list", "--home", home.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aStackThatIsNotRunningFailsFastWithExitSix() {
        String nowhere = "127.0.0.1:" + FreePort.find();

        for (String[] args : List.of(new String[] {"publish", PLATEAU.toString()}, new String[] {"list"},
                new String[] {"withdraw", "plateau"})) {
            CoxRun r = cox(concat(args, "--bootstrap", nowhere, "--timeout", "2s"));
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(r.err()).contains("Kafka unreachable at " + nowhere);
            assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void noStackAtAllIsNamed() {
        assumeTrue(System.getenv("COX_KAFKA") == null, "COX_KAFKA is set: it would be used");

        CoxRun r = cox("rules", "list", "--home", dir.resolve("empty-home").toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("no stack found").contains("--bootstrap");
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length + 1];
        all[0] = "rules";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(more, 0, all, args.length + 1, more.length);
        return all;
    }
}
