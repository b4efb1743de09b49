package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.control.RunCheck;
import io.coxswain.ledger.query.EventRow;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.savings.SavingsQueries;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A backtest's input from the ledger: each run's stored events (not the commands sent to it), in the order the ledger
 * stored them, decoded with the protocol's codec. An unknown run fails before anything is replayed, naming similar
 * run ids; a stored event that no longer decodes is reported and skipped, or ends the read when strict (exit 2).
 */
final class LedgerEvents {
    private LedgerEvents() {
    }

    /** Replays every event of {@code runs} into {@code sink}; returns the summary phrase for the last line. */
    static String replay(String jdbc, List<String> runs, boolean strict, Consumer<EventEnvelope> sink,
            Consumer<String> problems) {
        LedgerQueries ledger = read(jdbc, () -> LedgerQueries.connect(jdbc));
        for (String runId : runs) {
            if (read(jdbc, () -> ledger.run(runId)).isEmpty()) {
                List<String> similar = read(jdbc, () -> ledger.similarRunIds(runId, 5));
                throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "' in the ledger"
                        + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                        + String.join(", ", similar) + "?"));
            }
        }
        EventCodec codec = new EventCodec();
        int events = 0;
        int bad = 0;
        for (String runId : runs) {
            for (EventRow row : read(jdbc, () -> ledger.runEvents(runId))) {
                Decoded<EventEnvelope> decoded = codec.decode(row.payload().toString()
                        .getBytes(StandardCharsets.UTF_8));
                if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
                    events++;
                    sink.accept(ok.value());
                } else {
                    String problem = "ledger event " + row.eventId() + " of run " + runId + " (id " + row.id()
                            + "): " + ((Decoded.Failure<EventEnvelope>) decoded).reason();
                    if (strict) {
                        throw new CliException(ExitCodes.USAGE, problem);
                    }
                    problems.accept(problem);
                    bad++;
                }
            }
        }
        return "events read from the ledger " + events + ", undecodable " + bad;
    }

    /** How many events and commands the ledger holds for {@code runs}: a backtest's progress bar's length. */
    static long count(String jdbc, List<String> runs) {
        LedgerQueries ledger = read(jdbc, () -> LedgerQueries.connect(jdbc));
        return runs.stream().mapToLong(runId -> read(jdbc, () -> ledger.eventCount(runId))).sum();
    }

    /** The runs of {@code experiment} by start time; an experiment without runs fails naming similar ones (exit 5). */
    static List<String> runsOf(String jdbc, String experiment) {
        SavingsQueries savings = read(jdbc, () -> SavingsQueries.connect(jdbc));
        List<String> runs = read(jdbc, () -> savings.runIdsOfExperiment(experiment));
        if (runs.isEmpty()) {
            List<String> similar = read(jdbc, () -> savings.similarExperimentIds(experiment, 5));
            throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown experiment '" + experiment + "' (no runs in the "
                    + "ledger)" + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean "
                    + String.join(", ", similar) + "?"));
        }
        return runs;
    }

    private static <T> T read(String jdbc, java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + RunCheck.redact(jdbc) + ": "
                    + e.getMessage(), e);
        }
    }
}
