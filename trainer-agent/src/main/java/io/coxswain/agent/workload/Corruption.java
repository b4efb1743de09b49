package io.coxswain.agent.workload;

/**
 * Damage injected into one step's batch on purpose, to exercise batch inspection.
 *
 * @param kind     {@link #LABEL_NOISE}: a fraction of the samples get a wrong class (every time step of a sequence
 *                 sample); {@link #FEATURE_NOISE}: a fraction of the samples' features replaced by large random noise
 * @param fraction share of the batch's samples corrupted, in (0, 1]; at least one sample is corrupted
 * @param seed     drives which samples and what damage, so a re-executed run is damaged identically
 */
public record Corruption(String kind, double fraction, long seed) {
    public static final String LABEL_NOISE = "label_noise";
    public static final String FEATURE_NOISE = "feature_noise";

    public Corruption {
        if (!LABEL_NOISE.equals(kind) && !FEATURE_NOISE.equals(kind)) {
            throw new IllegalArgumentException("unknown corruption '" + kind + "' (known: " + LABEL_NOISE + ", "
                    + FEATURE_NOISE + ")");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("corruption fraction must be in (0, 1], got " + fraction);
        }
    }

    /** How many of a batch's {@code batchSize} samples this corrupts. */
    public int count(int batchSize) {
        return Math.max(1, Math.min(batchSize, (int) Math.round(fraction * batchSize)));
    }
}
