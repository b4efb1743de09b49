package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.IngestMeters;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.cli.metrics.MetricsEndpoint;
import io.coxswain.cli.metrics.MetricsOptions;
import io.coxswain.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.coxswain.ledger.projection.ProjectionRebuild;
import io.coxswain.ledger.projection.RebuildProgress;
import io.coxswain.ledger.projection.RebuildSummary;
import io.coxswain.protocol.codec.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.JdbiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox ledger ...}: the ledger's own commands. */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "The ledger (PostgreSQL event store).",
        footer = {"", "Examples:", "  cox ledger serve --bootstrap kafka:9092 --jdbc 'jdbc:postgresql://db/coxswain?user=cox'",
                "  cox ledger rebuild --json"},
        subcommands = {LedgerCommand.Serve.class, LedgerCommand.Rebuild.class})
public final class LedgerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cox ledger serve}: migrate the schema, then consume both topics into PostgreSQL until Ctrl-C. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Migrate the schema and consume both topics into PostgreSQL; several instances share the load.",
            footer = {"", "Example:", "  cox ledger serve --bootstrap kafka:9092 --jdbc 'jdbc:postgresql://db/coxswain?user=cox'",
                    "  cox ledger serve --metrics-port 9465   (Prometheus text at :9465/metrics)"})
    public static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        MetricsOptions metrics;

        @Override
        public Integer call() throws InterruptedException {
            String jdbc = connection.jdbc();
            Ledger.migrate(jdbc);
            LedgerIngest ingest = new LedgerIngest(LedgerConfig.defaults(connection.bootstrap(), jdbc));
            PrometheusMeterRegistry registry = WebServer.jvmMetrics();
            new IngestMeters(ingest).bindTo(registry);
            ingest.start();
            MetricsEndpoint endpoint = metrics.startIfAsked(registry, spec.commandLine().getOut());
            return ComponentRunner.runUntilSignal(() -> {
                try (endpoint) {
                    ingest.close();
                }
            }, "ledger", spec.commandLine().getOut());
        }
    }

    /** {@code cox ledger rebuild}: recreate every projection from the event store, in one transaction. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Recreate every projection (runs, parameter_changes, commands, interventions, checkpoints, "
                    + "rule_set_loads) from the events table: in one transaction, empty them and replay every stored "
                    + "event in order, in chunks, through the code the live ingest uses. Readers see the old rows "
                    + "until it commits; ingest batches wait for it; on failure nothing changes.",
                    "Migrates the schema first. A progress bar goes to stderr, the summary to stdout."},
            footer = {"", "Examples:", "  cox ledger rebuild",
                    "  cox ledger rebuild --jdbc 'jdbc:postgresql://db/coxswain?user=cox' --json"})
    public static final class Rebuild implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--json", description = "Print the summary as one JSON object and draw no progress bar.")
        boolean json;

        @Option(names = "--chunk-size", paramLabel = "ROWS", defaultValue = "1000",
                description = "Events replayed per step (1..100000, default ${DEFAULT-VALUE}).")
        int chunkSize;

        @Override
        public Integer call() throws Exception {
            if (chunkSize < 1 || chunkSize > 100_000) {
                throw new CliException(ExitCodes.USAGE, "--chunk-size must be 1..100000 rows, got " + chunkSize);
            }
            String jdbc = connection.jdbc();
            requireReachable(jdbc);
            Ledger.migrate(jdbc);
            ProjectionRebuild rebuild = new ProjectionRebuild(Ledger.jdbi(jdbc), RunCheck.redact(jdbc), chunkSize);
            PrintWriter out = spec.commandLine().getOut();
            RebuildSummary summary;
            if (json) {
                summary = rebuild.run(RebuildProgress.NONE);
                out.println(Json.mapper().writeValueAsString(RebuildReport.json(summary)));
            } else {
                try (RebuildBar bar = new RebuildBar(spec.commandLine().getErr())) {
                    summary = rebuild.run(bar);
                }
                out.print(RebuildReport.text(summary));
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void requireReachable(String jdbc) {
            try {
                Ledger.jdbi(jdbc).useHandle(h -> h.execute("SELECT 1"));
            } catch (JdbiException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the ledger at " + RunCheck.redact(jdbc)
                        + ": " + cause.getMessage(), e);
            }
        }
    }
}
