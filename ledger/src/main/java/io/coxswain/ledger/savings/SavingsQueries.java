package io.coxswain.ledger.savings;

import io.coxswain.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * What the CLI and the web UI read to count savings: runs' facts and items computed from their events now (correct
 * whether or not the {@code savings} projection is current), and the runs of an experiment. Thread-safe.
 */
public final class SavingsQueries {
    private final Jdbi jdbi;

    public SavingsQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public static SavingsQueries connect(String jdbcUrl) {
        return new SavingsQueries(Ledger.jdbi(jdbcUrl));
    }

    /** The facts of each of {@code runIds} that started, in the order given, read over one snapshot. */
    public List<RunFacts> facts(Collection<String> runIds) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> RunFactsReader.read(h, runIds));
    }

    /** The items of {@code runIds}, computed from their events now, per run in the order given. */
    public List<SavingsItem> items(Collection<String> runIds, SavingsSettings settings) {
        SavingsCalculator calculator = new SavingsCalculator(settings);
        return facts(runIds).stream().flatMap(f -> calculator.items(f).stream()).toList();
    }

    /** The items the {@code savings} projection holds for {@code runIds}. */
    public List<SavingsItem> storedItems(Collection<String> runIds) {
        return jdbi.withHandle(h -> SavingsStore.items(h, runIds));
    }

    /** Every run in the ledger, by experiment, then start time. */
    public List<String> runIds() {
        return jdbi.withExtension(SavingsReads.class, SavingsReads::runIds);
    }

    /** The runs of an experiment by start time; empty when the ledger has none. */
    public List<String> runIdsOfExperiment(String experimentId) {
        Objects.requireNonNull(experimentId, "experimentId");
        return jdbi.withExtension(SavingsReads.class, r -> r.runIdsOfExperiment(experimentId));
    }

    /**
     * Known experiment ids close to {@code experimentId}, closest first, for an "unknown experiment" message: up to a
     * quarter of its characters edited (at least one), or starting with it, ignoring case.
     */
    public List<String> similarExperimentIds(String experimentId, int max) {
        Objects.requireNonNull(experimentId, "experimentId");
        if (max < 1 || experimentId.getBytes(StandardCharsets.UTF_8).length > 255) {
            return List.of();
        }
        return jdbi.withExtension(SavingsReads.class, r -> r.similarExperimentIds(experimentId,
                Math.max(1, experimentId.length() / 4), max));
    }
}
