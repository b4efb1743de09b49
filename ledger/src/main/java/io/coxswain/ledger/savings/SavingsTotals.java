package io.coxswain.ledger.savings;

/**
 * Sums of savings items, each figure split into its measured and estimated parts.
 *
 * @param items how many items were summed
 */
public record SavingsTotals(int items, double secondsMeasured, double secondsEstimated, double joulesMeasured,
                            double joulesEstimated, double bytesMeasured, double bytesEstimated) {
    public static final SavingsTotals ZERO = new SavingsTotals(0, 0, 0, 0, 0, 0, 0);

    public SavingsTotals plus(SavingsItem item) {
        return new SavingsTotals(items + 1,
                secondsMeasured + part(item.seconds(), Measure.MEASURED),
                secondsEstimated + part(item.seconds(), Measure.ESTIMATED),
                joulesMeasured + part(item.energyJoules(), Measure.MEASURED),
                joulesEstimated + part(item.energyJoules(), Measure.ESTIMATED),
                bytesMeasured + part(item.bytes(), Measure.MEASURED),
                bytesEstimated + part(item.bytes(), Measure.ESTIMATED));
    }

    public double seconds() {
        return secondsMeasured + secondsEstimated;
    }

    public double joules() {
        return joulesMeasured + joulesEstimated;
    }

    public double bytes() {
        return bytesMeasured + bytesEstimated;
    }

    private static double part(Figure figure, Measure measure) {
        return figure != null && figure.measure() == measure ? figure.value() : 0;
    }
}
