package io.coxswain.ledger.savings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Savings items and their totals per run, per who they are credited to (a rule, a user, the checkpoint policy) and
 * per experiment, each map in the order its keys first appear among the items.
 */
public record SavingsReport(List<SavingsItem> items, Map<String, SavingsTotals> byRun,
                            Map<String, SavingsTotals> byCredit, Map<String, SavingsTotals> byExperiment,
                            SavingsTotals total) {

    public static SavingsReport of(List<SavingsItem> items) {
        SavingsTotals total = SavingsTotals.ZERO;
        for (SavingsItem item : items) {
            total = total.plus(item);
        }
        return new SavingsReport(List.copyOf(items), totals(items, SavingsItem::runId),
                totals(items, SavingsItem::creditedTo),
                totals(items, i -> i.experimentId() == null ? "(none)" : i.experimentId()), total);
    }

    private static Map<String, SavingsTotals> totals(List<SavingsItem> items, Function<SavingsItem, String> key) {
        Map<String, SavingsTotals> totals = new LinkedHashMap<>();
        items.forEach(item -> totals.merge(key.apply(item), SavingsTotals.ZERO.plus(item),
                (seen, one) -> seen.plus(item)));
        return totals;
    }
}
