package io.coxswain.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The web UI's meters, served as Prometheus text at {@code GET /metrics}: JVM metrics, {@code http_server_requests}
 * (by method, route and status) and {@code coxswain_ledger_queries} (each ledger read, by query and outcome), plus
 * whatever else the process registered in the same registry (in {@code cox up}: the ledger ingest and control-streams).
 */
final class WebMetrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String STARTED = "coxswain.request.started";

    private WebMetrics() {
    }

    /** A Prometheus registry with the JVM's metrics bound. */
    static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindJvm(registry);
        return registry;
    }

    /** Binds the JVM's memory, GC, thread, class loading, CPU and uptime metrics. */
    static void bindJvm(MeterRegistry registry) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Times every request and serves {@code GET /metrics}. */
    static void register(Javalin app, PrometheusMeterRegistry registry) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null) {
                Timer.builder("http.server.requests").description("HTTP requests served")
                        .tag("method", ctx.method().name()).tag("route", route(ctx))
                        .tag("status", Integer.toString(ctx.statusCode())).register(registry)
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        });
        app.get("/metrics", ctx -> ctx.contentType(CONTENT_TYPE).result(registry.scrape()));
    }

    /** Times each statement run through {@code jdbi} as {@code coxswain.ledger.queries}. */
    static void timeQueries(Jdbi jdbi, MeterRegistry registry) {
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                record(context, "ok");
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
                record(context, "error");
            }

            private void record(StatementContext context, String outcome) {
                var method = context.getExtensionMethod();
                String query = method == null ? "sql"
                        : method.getType().getSimpleName() + "." + method.getMethod().getName();
                Timer.builder("coxswain.ledger.queries").description("ledger database statements")
                        .tag("query", query).tag("outcome", outcome).register(registry)
                        .record(context.getElapsedTime(ChronoUnit.NANOS), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** The matched route (bounded: API paths keep their {@code {id}} placeholders; pages count as one route). */
    private static String route(Context ctx) {
        if (ctx.statusCode() == 404 && !ctx.path().startsWith("/api/")) {
            return "NOT_FOUND";
        }
        String path = ctx.endpointHandlerPath();
        return path.startsWith("/api/") || path.equals("/metrics") ? path : "static";
    }
}
