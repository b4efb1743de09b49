package io.coxswain.ledger.internal;

import io.coxswain.ledger.savings.Attribution;
import io.coxswain.ledger.savings.Figure;
import io.coxswain.ledger.savings.Measure;
import io.coxswain.ledger.savings.SavingsItem;
import io.coxswain.ledger.savings.SavingsKind;
import io.coxswain.protocol.commands.SourceKind;

/**
 * One row of the {@code savings} table: a {@link SavingsItem} flattened, each figure as value, measure and basis.
 * Public for Jdbi's constructor mapper only.
 */
public record SavingsRow(String runId, int itemNo, String experimentId, String kind, long step, String commandId,
                  String sourceKind, String author, String rule,
                  Double seconds, String secondsMeasure, String secondsBasis,
                  Double energyJoules, String energyMeasure, String energyBasis,
                  Double bytes, String bytesMeasure, String bytesBasis) {

    public static SavingsRow of(SavingsItem item, int itemNo) {
        Attribution by = item.by();
        Figure s = item.seconds();
        Figure e = item.energyJoules();
        Figure b = item.bytes();
        return new SavingsRow(item.runId(), itemNo, item.experimentId(), item.kind().wire(), item.step(),
                by == null ? null : by.commandId(), by == null || by.kind() == null ? null : by.kind().wire(),
                by == null ? null : by.author(), by == null ? null : by.rule(),
                s == null ? null : s.value(), s == null ? null : s.measure().wire(), s == null ? null : s.basis(),
                e == null ? null : e.value(), e == null ? null : e.measure().wire(), e == null ? null : e.basis(),
                b == null ? null : b.value(), b == null ? null : b.measure().wire(), b == null ? null : b.basis());
    }

    public SavingsItem item() {
        Attribution by = commandId == null && sourceKind == null && author == null && rule == null ? null
                : new Attribution(commandId, sourceKind == null ? null : SourceKind.fromWire(sourceKind).orElseThrow(),
                        author, rule);
        return new SavingsItem(SavingsKind.fromWire(kind).orElseThrow(), runId, experimentId, step, by,
                figure(seconds, secondsMeasure, secondsBasis), figure(energyJoules, energyMeasure, energyBasis),
                figure(bytes, bytesMeasure, bytesBasis));
    }

    private static Figure figure(Double value, String measure, String basis) {
        return value == null ? null : new Figure(value, Measure.fromWire(measure).orElseThrow(), basis);
    }
}
