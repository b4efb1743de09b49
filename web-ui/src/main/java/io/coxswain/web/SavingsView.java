package io.coxswain.web;

import io.coxswain.ledger.savings.Figure;
import io.coxswain.ledger.savings.SavingsItem;
import io.coxswain.ledger.savings.SavingsReport;
import io.coxswain.ledger.savings.SavingsTotals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Savings as the pages show them: each item with its arithmetic, and totals per run, credit and experiment. */
public record SavingsView(List<ItemView> items, Map<String, TotalsView> byRun, Map<String, TotalsView> byCredit,
                          Map<String, TotalsView> byExperiment, TotalsView total) {

    /** One intervention's savings; {@code creditedTo} is e.g. {@code rule plateau/stop} or {@code user ana}. */
    public record ItemView(String kind, String runId, String experimentId, long step, String creditedTo,
                           String commandId, FigureView seconds, FigureView energyJoules, FigureView bytes) {
    }

    /** An amount, whether it was measured or estimated, and how it was computed. */
    public record FigureView(double value, String measure, String basis) {
        static FigureView from(Figure figure) {
            return figure == null ? null : new FigureView(figure.value(), figure.measure().wire(), figure.basis());
        }
    }

    /** Sums, each split into measured and estimated. */
    public record TotalsView(int items, double secondsMeasured, double secondsEstimated, double joulesMeasured,
                             double joulesEstimated, double bytesMeasured, double bytesEstimated) {
        static TotalsView from(SavingsTotals t) {
            return new TotalsView(t.items(), t.secondsMeasured(), t.secondsEstimated(), t.joulesMeasured(),
                    t.joulesEstimated(), t.bytesMeasured(), t.bytesEstimated());
        }
    }

    public static SavingsView from(SavingsReport report) {
        return new SavingsView(report.items().stream().map(SavingsView::item).toList(), totals(report.byRun()),
                totals(report.byCredit()), totals(report.byExperiment()), TotalsView.from(report.total()));
    }

    private static ItemView item(SavingsItem i) {
        return new ItemView(i.kind().wire(), i.runId(), i.experimentId(), i.step(), i.creditedTo(),
                i.by() == null ? null : i.by().commandId(), FigureView.from(i.seconds()),
                FigureView.from(i.energyJoules()), FigureView.from(i.bytes()));
    }

    private static Map<String, TotalsView> totals(Map<String, SavingsTotals> totals) {
        Map<String, TotalsView> views = new LinkedHashMap<>();
        totals.forEach((key, t) -> views.put(key, TotalsView.from(t)));
        return views;
    }
}
