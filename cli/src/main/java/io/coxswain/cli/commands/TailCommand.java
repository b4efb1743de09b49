package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.KafkaReachability;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.cli.tail.Received;
import io.coxswain.cli.tail.RunFeed;
import io.coxswain.cli.tail.TailLine;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox tail RUN}: a run's events and the commands sent to it, live, one line each, until it finishes. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follow a run live from Kafka: one line per event (steps with loss, learning rate and batch "
                + "size; evaluations; parameter changes with who sent them; triggers; rejections with the reason; "
                + "checkpoints) and per command sent to it (who, what, why), until Ctrl-C or the run finishes.",
        footer = {"", "Examples:", "  cox tail r-1",
                "  cox tail r-1 --from-start --every 100     (its whole history, a step line every 100 steps)",
                "  cox tail r-1 --json | jq 'select(.type == \"ParameterChanged\")'",
                "  cox tail r-1 --timeout-idle 2m             (exit 4 when the run is silent for 2 minutes)",
                "", "Step lines: the steps the run marks logged (its logging interval), or every N-th with",
                "--every N; the first step and each epoch's last always. Everything else always.",
                "Exit: 0 the run finished (its reason printed; at once when it had already finished),",
                "4 nothing from the run for --timeout-idle, 5 unknown run (no ledger entry and no recent",
                "events; close matches suggested), 6 Kafka or PostgreSQL unreachable."})
public final class TailCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(15);
    private static final int RECENT_WINDOW = 5000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--from-start", description = "Start from the run's first record on Kafka, not from now.")
    boolean fromStart;

    @Option(names = "--json", description = "Print each record's JSON as it is on the topic, one a line.")
    boolean json;

    @Option(names = "--every", paramLabel = "N", defaultValue = "0",
            description = "A step line every N steps instead of the run's logged steps (1: every step).")
    long every;

    @Option(names = "--timeout-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up (exit 4) when nothing of the run arrives for this long (e.g. 30s, 5m; default: "
                    + "wait until Ctrl-C).")
    Duration idleTimeout;

    @Override
    public Integer call() {
        if (every < 0) {
            throw new CliException(ExitCodes.USAGE, "--every must be 0 (the run's logged steps) or more, got " + every);
        }
        if (idleTimeout != null && (idleTimeout.isZero() || idleTimeout.isNegative())) {
            throw new CliException(ExitCodes.USAGE, "--timeout-idle must be positive, got " + idleTimeout);
        }
        String bootstrap = connection.bootstrap();
        Optional<String> jdbc = connection.jdbcIfConfigured();
        Optional<RunSummary> known = jdbc.flatMap(url -> RunCheck.read(url, () -> LedgerQueries.connect(url)
                .run(runId)));
        KafkaReachability.require(bootstrap, REACH_TIMEOUT);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunFeed feed = RunFeed.open(bootstrap, runId)) {
            if (known.isEmpty() && !feed.hasRecentEvents(RECENT_WINDOW, REACH_TIMEOUT)) {
                throw jdbc.map(url -> RunCheck.unknownRun(url, runId)).orElseGet(() -> new CliException(
                        ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "': none of the last " + RECENT_WINDOW
                        + " records of its partition of " + Topics.RUN_EVENTS.name() + " at " + bootstrap
                        + " is of it (no ledger configured to ask)"));
            }
            if (!fromStart && known.isPresent() && known.get().status() == RunStatus.FINISHED) {
                RunSummary run = known.get();
                out.println("run " + runId + " has already finished: " + run.finishReason()
                        + (run.finishDetail() == null ? "" : " (" + run.finishDetail() + ")") + " at step "
                        + run.lastStep() + "; --from-start shows its history");
                out.flush();
                return ExitCodes.OK;
            }
            feed.start(fromStart);
            if (!json) {
                err.println("tailing run " + runId + (fromStart ? " from its start" : " from now") + " (Ctrl-C stops)");
                err.flush();
            }
            return follow(feed, bootstrap, out, err);
        }
    }

    private int follow(RunFeed feed, String bootstrap, PrintWriter out, PrintWriter err) {
        CountDownLatch done = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            feed.wakeup();
            awaitQuietly(done);
        }, "cox-tail-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            long lastRecord = System.nanoTime();
            long lastCheck = lastRecord;
            while (true) {
                for (Received r : feed.poll(POLL)) {
                    lastRecord = System.nanoTime();
                    if (print(r, out, err)) {
                        return ExitCodes.OK;
                    }
                }
                long now = System.nanoTime();
                if (idleTimeout != null && now - lastRecord > idleTimeout.toNanos()) {
                    throw new CliException(ExitCodes.NO_ANSWER, "nothing from run " + runId + " for "
                            + seconds(idleTimeout) + " (--timeout-idle); is its agent running? "
                            + "`cox runs` shows it");
                }
                if (now - Math.max(lastRecord, lastCheck) > LIVENESS_CHECK.toNanos()) {
                    lastCheck = now;
                    KafkaReachability.require(bootstrap, REACH_TIMEOUT);
                }
            }
        } catch (WakeupException signal) {
            err.println("cox: tail stopped");
            err.flush();
            return ExitCodes.OK;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                err.flush();
            }
        }
    }

    /** Prints one record; true when it ends the run. */
    private boolean print(Received r, PrintWriter out, PrintWriter err) {
        if (r instanceof Received.Undecodable bad) {
            err.println("cox: record at offset " + bad.offset() + " of " + bad.topic() + " does not decode: "
                    + bad.reason());
        } else if (json) {
            out.println(r.raw());
        } else if (r instanceof Received.Command c) {
            out.println(TailLine.of(c.command()));
        } else if (r instanceof Received.Event e) {
            TailLine.of(e.envelope(), every).ifPresent(out::println);
        }
        out.flush();
        err.flush();
        return r instanceof Received.Event e && e.envelope().event() instanceof RunFinished;
    }

    private static String seconds(Duration d) {
        return (d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0))
                + " s";
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
