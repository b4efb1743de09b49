package io.coxswain.ledger.query;

import java.util.List;

/**
 * What one worker of a chain walk found over its range of {@code (run_id, run_seq)}: the rows it read and, per run in
 * the range, its span, in the range's order.
 */
record ChainSegment(long rows, List<RunSpan> spans) {
    ChainSegment {
        spans = List.copyOf(spans);
    }
}
