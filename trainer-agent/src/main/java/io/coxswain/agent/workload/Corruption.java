package io.coxswain.agent.workload;

/**
 * Damage injected into one step's batch on purpose, to exercise batch inspection.
 *
 * @param kind     {@link #LABEL_NOISE}: a fraction of the labels replaced by random wrong ones;
 *                 {@link #FEATURE_NOISE}: a fraction of the samples' features replaced by large random noise
 * @param fraction share of the batch's samples corrupted, in (0, 1]
 * @param seed     drives which samples and what damage, so a re-executed run is damaged identically
 */
public record Corruption(String kind, double fraction, long seed) {
    public static final String LABEL_NOISE = "label_noise";
    public static final String FEATURE_NOISE = "feature_noise";
}
