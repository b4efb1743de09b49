package io.coxswain.cli.stack;

import io.coxswain.cli.SigningKeyLocation;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.IngestMeters;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.ControlStreamsApp;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.web.KafkaRulesPublisher;
import io.coxswain.web.WebConfig;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.web.WebServer;
import io.coxswain.web.control.KafkaAccess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of Coxswain in one JVM: a real Kafka broker (KRaft), a real PostgreSQL, the topics, the ledger schema,
 * then the ledger consumer, control-streams and the web UI. Data lives under one home directory and survives a
 * restart. Closing stops everything in reverse order.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path home;
    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;
    private WebServer web;
    private String webToken;

    private EmbeddedStack(Path home) {
        this.home = home;
    }

    /**
     * @param home       data directory
     * @param webPort    web UI port (0 picks a free one)
     * @param plateau    the loss-plateau rule's settings
     * @param progress   told each step of the start, for the terminal
     */
    public static EmbeddedStack start(Path home, int webPort, LossPlateauConfig plateau, Consumer<String> progress) {
        return start(home, webPort, plateau, List.of(), progress);
    }

    /** As {@link #start(Path, int, LossPlateauConfig, Consumer)}, with TrAC rule set files to run. */
    public static EmbeddedStack start(Path home, int webPort, LossPlateauConfig plateau, List<Path> ruleFiles,
            Consumer<String> progress) {
        EmbeddedStack stack = new EmbeddedStack(home);
        try {
            stack.startAll(webPort, plateau, ruleFiles, progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(int webPort, LossPlateauConfig plateau, List<Path> ruleFiles, Consumer<String> progress) {
        progress.accept("starting Kafka (KRaft) ...");
        kafka = keep(EmbeddedKafka.start(home.resolve("kafka"), 0));
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name()),
                Topics.DEFAULT_PARTITIONS);
        progress.accept("Kafka at " + kafka.bootstrap());
        progress.accept("starting PostgreSQL ...");
        postgres = keep(EmbeddedPostgresServer.start(home.resolve("postgres"), 0));
        int migrations = Ledger.migrate(postgres.jdbcUrl());
        progress.accept("PostgreSQL at " + postgres.jdbcUrl() + " (" + migrations + " migration(s) applied)");
        PrometheusMeterRegistry metrics = WebServer.jvmMetrics();
        LedgerIngest ingest = keep(new LedgerIngest(LedgerConfig.defaults(kafka.bootstrap(), postgres.jdbcUrl())));
        new IngestMeters(ingest).bindTo(metrics);
        ingest.start();
        progress.accept("ledger consuming both topics");
        ControlStreamsApp streams = keep(new ControlStreamsApp(ControlStreamsConfig.defaults(kafka.bootstrap())
                .withStateDir(home.resolve("streams")).withLossPlateau(plateau).withRuleFiles(ruleFiles), metrics));
        streams.start();
        progress.accept("control-streams running (rule loss_plateau: window " + plateau.window() + ", min delta "
                + plateau.minDelta() + ", min steps " + plateau.minSteps() + "; rule sets "
                + (streams.ruleSets().names().isEmpty() ? "none yet" : streams.ruleSets().names()) + ")");
        webToken = WebToken.generate();
        Optional<SigningKey> signingKey = SigningKeyLocation.signingKey(null, System::getenv, home);
        web = keep(WebServer.start(new WebConfig("127.0.0.1", webPort, webToken), Ledger.jdbi(postgres.jdbcUrl()),
                Optional.of(new KafkaAccess(kafka.bootstrap(), signingKey)),
                new KafkaRulesPublisher(kafka.bootstrap(), Duration.ofSeconds(10)), metrics));
        progress.accept("web UI at " + web.url());
    }

    private <T extends AutoCloseable> T keep(T component) {
        started.push(component);
        return component;
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    public String jdbc() {
        return postgres.jdbcUrl();
    }

    public String webUrl() {
        return web.url();
    }

    /** The token the web UI requires on writes, new at each start. */
    public String webToken() {
        return webToken;
    }

    public Path home() {
        return home;
    }

    public StackFile describe() {
        return new StackFile(bootstrap(), jdbc(), webUrl(), ProcessHandle.current().pid(), null, webToken);
    }

    /** Stops what was started, in reverse order; safe to call again and from a shutdown hook. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.error("cannot stop {}: {}", component.getClass().getSimpleName(), e.getMessage(), e);
                if (failure == null) {
                    failure = new io.coxswain.protocol.CoxswainException("stopping the stack failed at "
                            + component.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
