package io.coxswain.ledger.savings;

import io.coxswain.ledger.internal.SavingsRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The {@code savings} projection: each run's {@link SavingsItem}s, recomputed from its events. The ingest (for the
 * runs a batch touched) and a rebuild (for every run) call {@link #refresh}.
 */
public final class SavingsStore {

    private SavingsStore() {
    }

    /** {@link #refresh(Handle, Collection, SavingsSettings)} with the default settings (TrAC's baseline). */
    public static List<SavingsItem> refresh(Handle handle, Collection<String> runIds) {
        return refresh(handle, runIds, SavingsSettings.defaults());
    }

    /**
     * Replaces the rows of {@code runIds} by their items recomputed from their events, in the handle's transaction
     * (one of its own when it has none). A run without a RunStarted keeps no rows.
     *
     * @return the items now stored, per run in the order of the run ids sorted
     */
    public static List<SavingsItem> refresh(Handle handle, Collection<String> runIds, SavingsSettings settings) {
        String[] ids = new TreeSet<>(runIds).toArray(String[]::new);
        if (ids.length == 0) {
            return List.of();
        }
        SavingsCalculator calculator = new SavingsCalculator(settings);
        return handle.inTransaction(h -> {
            SavingsWrites writes = h.attach(SavingsWrites.class);
            writes.lock(ids);
            writes.delete(ids);
            List<SavingsItem> items = new ArrayList<>();
            List<SavingsRow> rows = new ArrayList<>();
            for (RunFacts facts : RunFactsReader.read(h, List.of(ids))) {
                List<SavingsItem> runItems = calculator.items(facts);
                for (int i = 0; i < runItems.size(); i++) {
                    rows.add(SavingsRow.of(runItems.get(i), i + 1));
                }
                items.addAll(runItems);
            }
            if (!rows.isEmpty()) {
                writes.insert(rows);
            }
            return items;
        });
    }

    /** The stored items of {@code runIds}, per run (sorted by id) in item order. */
    public static List<SavingsItem> items(Handle handle, Collection<String> runIds) {
        String[] ids = new TreeSet<>(runIds).toArray(String[]::new);
        if (ids.length == 0) {
            return List.of();
        }
        return handle.attach(SavingsWrites.class).rows(ids).stream().map(SavingsRow::item).toList();
    }
}
