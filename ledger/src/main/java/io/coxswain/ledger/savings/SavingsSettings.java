package io.coxswain.ledger.savings;

/**
 * How savings are counted.
 *
 * @param baselineCheckpointEpochs the baseline checkpoint policy's interval in epochs (TrAC's baseline: 0.25)
 */
public record SavingsSettings(double baselineCheckpointEpochs) {
    public static final double TRAC_BASELINE_EPOCHS = 0.25;

    public SavingsSettings {
        if (!(baselineCheckpointEpochs > 0 && baselineCheckpointEpochs <= 1000)) {
            throw new SavingsException("the baseline checkpoint interval must be > 0 and <= 1000 epochs, got "
                    + baselineCheckpointEpochs);
        }
    }

    public static SavingsSettings defaults() {
        return new SavingsSettings(TRAC_BASELINE_EPOCHS);
    }
}
