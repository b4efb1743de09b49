package io.coxswain.ledger.savings;

import java.util.Objects;

/**
 * What one intervention (or a run's checkpoint policy) saved.
 *
 * @param kind         early stop, live change, or checkpoint storage
 * @param step         where it happened: the stop's or change's step; the run's last step for checkpoint storage
 * @param by           the command and who sent it; null for checkpoint storage and for a stop no command explains
 * @param seconds      compute time saved, or null where it does not apply (checkpoint storage)
 * @param energyJoules energy saved, or null where it does not apply
 * @param bytes        checkpoint bytes saved versus the baseline policy, or null where it does not apply
 */
public record SavingsItem(SavingsKind kind, String runId, String experimentId, long step, Attribution by,
                          Figure seconds, Figure energyJoules, Figure bytes) {
    public SavingsItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(runId, "runId");
    }

    /** Who the item is credited to: {@link Attribution#who()}, {@code checkpoint policy}, or {@code unknown}. */
    public String creditedTo() {
        if (kind == SavingsKind.CHECKPOINT_STORAGE) {
            return "checkpoint policy";
        }
        return by == null ? "unknown" : by.who();
    }
}
