package io.coxswain.ledger.query;

import java.util.List;

/**
 * What a walk of the hash chains found.
 *
 * @param runs   the runs walked
 * @param rows   the rows checked
 * @param breaks per broken run, its first broken row, by run id
 */
public record ChainReport(long runs, long rows, List<ChainBreak> breaks) {
    public ChainReport {
        breaks = List.copyOf(breaks);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }
}
