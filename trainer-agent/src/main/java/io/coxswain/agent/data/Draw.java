package io.coxswain.agent.data;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One batch drawn by {@link MixingSampler}, and what the run's counters read once it is consumed.
 *
 * @param indices        global sample indices of the batch (source 0's samples first, then source 1's, ...), never
 *                       empty
 * @param next           the state the next draw starts from
 * @param epochEnd       true when this batch ends its global epoch (possibly with a drop_last remainder dropped right
 *                       after it)
 * @param epoch          fractional epoch once this draw is consumed: {@code (samplesSeen + samplesDropped) / N}, a
 *                       whole number exactly when an epoch has just ended
 * @param trainCoverage  fraction of the current global epoch consumed, exactly 1.0 when {@code epochEnd}
 * @param sourceCoverage per source, the fraction of that source's current epoch drawn (1.0 when this batch ended
 *                       it); null with a single source, whose coverage is {@code trainCoverage}
 * @param sourceCounts   per source, in source order, how many samples of this batch it gave
 */
public record Draw(int[] indices, SamplerState next, boolean epochEnd, double epoch, double trainCoverage,
                   Map<String, Double> sourceCoverage, Map<String, Integer> sourceCounts) {

    /** Samples trained on since the run started, this batch included. */
    public long samplesSeen() {
        return next.samplesSeen();
    }

    /** Samples consumed without training since the run started. */
    public long samplesDropped() {
        return next.samplesDropped();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Draw that && Arrays.equals(indices, that.indices) && next.equals(that.next)
                && epochEnd == that.epochEnd && Double.compare(epoch, that.epoch) == 0
                && Double.compare(trainCoverage, that.trainCoverage) == 0
                && Objects.equals(sourceCoverage, that.sourceCoverage) && sourceCounts.equals(that.sourceCounts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Objects.hash(next, epochEnd, epoch, trainCoverage, sourceCoverage,
                sourceCounts);
    }

    @Override
    public String toString() {
        return "Draw[indices=" + Arrays.toString(indices) + ", next=" + next + ", epochEnd=" + epochEnd + ", epoch="
                + epoch + ", trainCoverage=" + trainCoverage + ", sourceCoverage=" + sourceCoverage
                + ", sourceCounts=" + sourceCounts + "]";
    }
}
