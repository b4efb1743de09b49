package io.coxswain.web;

import io.coxswain.ledger.query.ChainBreak;
import io.coxswain.ledger.query.ChainReport;
import java.util.List;

/** The result of walking the ledger's hash chains: intact, or each broken run with its first broken row. */
public record ChainView(boolean intact, long runs, long rows, List<BreakView> breaks) {

    /** A run's first broken row; {@code problem} is altered, link or gap. */
    public record BreakView(String runId, long runSeq, String eventId, String problem) {
    }

    public static ChainView from(ChainReport report) {
        return new ChainView(report.intact(), report.runs(), report.rows(), report.breaks().stream()
                .map((ChainBreak b) -> new BreakView(b.runId(), b.runSeq(), b.eventId(), b.problem()))
                .toList());
    }
}
