package io.coxswain.ledger.internal;

import io.coxswain.ledger.LedgerException;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.protocol.commands.SourceKind;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.ColumnMapper;

/** Column mappers for enums stored by their lower-case wire names. */
final class WireEnumMappers {

    private WireEnumMappers() {
    }

    static ColumnMapper<RunStatus> runStatus() {
        return byWireName("status", RunStatus::fromWire);
    }

    static ColumnMapper<SourceKind> sourceKind() {
        return byWireName("source kind", SourceKind::fromWire);
    }

    private static <E extends Enum<E>> ColumnMapper<E> byWireName(String what, Function<String, Optional<E>> parse) {
        return (rs, column, ctx) -> {
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            Optional<E> value = parse.apply(text);
            if (value.isEmpty()) {
                throw new LedgerException("unknown " + what + " '" + text + "' in column "
                        + rs.getMetaData().getColumnName(column));
            }
            return value.get();
        };
    }
}
