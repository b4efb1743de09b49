package io.coxswain.ledger.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the segments of a chain walk, in key order, into one report: checks the first row of each span against the
 * row before it (the last of the run's previous span, or nothing for a run's first row) and keeps, per run, the
 * first row where the chain does not hold. A row's problems are reported in the order {@code altered} (its content
 * does not match its hash), {@code link} (its previous hash is not the hash of the row before), {@code gap} (its
 * position does not follow the row before). Pure.
 */
final class ChainStitch {

    private ChainStitch() {
    }

    static ChainReport report(List<ChainSegment> segments) {
        List<ChainBreak> breaks = new ArrayList<>();
        long runs = 0;
        long rows = 0;
        RunSpan previous = null;
        boolean previousRunBroken = false;
        for (ChainSegment segment : segments) {
            rows += segment.rows();
            for (RunSpan span : segment.spans()) {
                boolean continues = previous != null && previous.runId().equals(span.runId());
                if (!continues) {
                    runs++;
                    previousRunBroken = false;
                }
                if (!previousRunBroken) {
                    String problem = firstRowProblem(span, continues ? previous : null);
                    ChainBreak found = problem != null ? new ChainBreak(span.runId(), span.firstSeq(), span.firstId(),
                            span.firstEventId(), problem) : span.innerBreak();
                    if (found != null) {
                        breaks.add(found);
                        previousRunBroken = true;
                    }
                }
                previous = span;
            }
        }
        return new ChainReport(runs, rows, breaks);
    }

    /** What is wrong with a span's first row, given the run's row before it (null when it is the run's first). */
    private static String firstRowProblem(RunSpan span, RunSpan before) {
        if (span.firstAltered()) {
            return "altered";
        }
        byte[] expectedPrev = before == null ? null : before.lastHash();
        if (!Arrays.equals(span.firstPrevHash(), expectedPrev)) {
            return "link";
        }
        long expectedSeq = before == null ? 1 : before.lastSeq() + 1;
        return span.firstSeq() != expectedSeq ? "gap" : null;
    }
}
