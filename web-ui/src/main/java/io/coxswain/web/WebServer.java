package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.savings.SavingsQueries;
import io.coxswain.protocol.CoxswainException;
import io.coxswain.protocol.codec.Json;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import io.coxswain.web.control.CommandRelay;
import io.coxswain.web.control.KafkaAccess;
import io.coxswain.web.control.KafkaUnavailableException;
import io.coxswain.web.control.RunEventTail;
import io.coxswain.web.control.TooManyStreamsException;
import io.coxswain.web.security.WriteGuard;
import io.coxswain.web.security.WriteGuardHandler;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web UI: static pages under {@code /} and their JSON API under {@code /api}. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    /** Live event streams open at once, over all browsers. */
    static final int MAX_EVENT_STREAMS = 64;

    private final Javalin app;
    private final String url;
    private final Optional<CommandRelay> relay;

    private WebServer(Javalin app, String url, Optional<CommandRelay> relay) {
        this.app = app;
        this.url = url;
        this.relay = relay;
    }

    /**
     * Serves the pages and their API over the ledger database that {@code jdbi} reaches, without Kafka (the run page
     * shows history only; commands and rule uploads answer 503) and with metrics of its own.
     */
    public static WebServer start(WebConfig config, Jdbi jdbi) {
        return start(config, jdbi, Optional.empty(), RulesPublisher.none(), WebMetrics.newRegistry());
    }

    /** As {@link #start(WebConfig, Jdbi)}, sending commands and following live events through {@code kafka}. */
    public static WebServer start(WebConfig config, Jdbi jdbi, Optional<KafkaAccess> kafka) {
        return start(config, jdbi, kafka, RulesPublisher.none(), WebMetrics.newRegistry());
    }

    /** As {@link #start(WebConfig, Jdbi)}, with rule uploads going to {@code rules} and metrics in {@code metrics}. */
    public static WebServer start(WebConfig config, Jdbi jdbi, RulesPublisher rules,
                                  PrometheusMeterRegistry metrics) {
        return start(config, jdbi, Optional.empty(), rules, metrics);
    }

    /**
     * The whole web UI: commands and live events through {@code kafka}, uploaded rule sets to {@code rules}, and
     * {@code GET /metrics} serving {@code metrics} (shared with the other components of the process, whose JVM
     * metrics the caller binds, e.g. with {@link #jvmMetrics}).
     */
    public static WebServer start(WebConfig config, Jdbi jdbi, Optional<KafkaAccess> kafka, RulesPublisher rules,
                                  PrometheusMeterRegistry metrics) {
        WebMetrics.timeQueries(jdbi, metrics);
        LedgerQueries ledger = new LedgerQueries(jdbi);
        SavingsQueries savings = new SavingsQueries(jdbi);
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_REQUEST_BYTES;
            c.jsonMapper(new JavalinJackson(Json.mapper(), false));
            c.staticFiles.add("/public", Location.CLASSPATH);
            c.staticFiles.enableWebjars();
        });
        Optional<CommandRelay> relay = kafka.map(CommandRelay::new);
        WebMetrics.register(app, metrics);
        WriteGuardHandler.install(app, new WriteGuard(config.token()));
        new RunsApi(ledger).register(app);
        new CommandsApi(ledger, kafka, relay).register(app);
        new RunEventsApi(ledger, kafka.map(k -> new RunEventTail(k, MAX_EVENT_STREAMS))).register(app);
        new DeclaredParametersApi(ledger).register(app);
        new RunHistoryApi(ledger).register(app);
        new SavingsApi(ledger, savings).register(app);
        app.exception(KafkaUnavailableException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage()));
        });
        app.exception(TooManyStreamsException.class, (e, ctx) ->
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage())));
        new RulesApi(jdbi.onDemand(ProjectionReads.class), rules).register(app);
        app.exception(CoxswainException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", e.getMessage()));
        });
        app.exception(JdbiException.class, (e, ctx) -> {
            LOG.error("{} {} failed: the ledger database did not answer", ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", "the ledger database is unavailable"));
        });
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            relay.ifPresent(CommandRelay::close);
            throw new CoxswainException("cannot start the web UI on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        return new WebServer(app, "http://" + config.host() + ":" + app.port(), relay);
    }

    /** A Prometheus registry with the JVM's metrics bound, for a process whose components share one. */
    public static PrometheusMeterRegistry jvmMetrics() {
        return WebMetrics.newRegistry();
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            relay.ifPresent(CommandRelay::close);
        }
    }
}
