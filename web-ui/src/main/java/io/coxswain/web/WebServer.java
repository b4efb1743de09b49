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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web UI: static pages under {@code /} and their JSON API under {@code /api}. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final Javalin app;
    private final String url;

    private WebServer(Javalin app, String url) {
        this.app = app;
        this.url = url;
    }

    /**
     * Serves the pages and their API over the ledger database that {@code jdbi} reaches, with metrics of its own
     * and rule uploads refused (no Kafka).
     */
    public static WebServer start(WebConfig config, Jdbi jdbi) {
        return start(config, jdbi, RulesPublisher.none(), WebMetrics.newRegistry());
    }

    /**
     * As above; uploaded rule sets go to {@code rules}, and {@code GET /metrics} serves {@code metrics} (shared with
     * the other components of the process, whose JVM metrics the caller binds, e.g. with {@link #jvmMetrics}).
     */
    public static WebServer start(WebConfig config, Jdbi jdbi, RulesPublisher rules,
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
        WebMetrics.register(app, metrics);
        new RunsApi(ledger).register(app);
        new RunHistoryApi(ledger).register(app);
        new SavingsApi(ledger, savings).register(app);
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
            throw new CoxswainException("cannot start the web UI on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        return new WebServer(app, "http://" + config.host() + ":" + app.port());
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
        app.stop();
    }
}
